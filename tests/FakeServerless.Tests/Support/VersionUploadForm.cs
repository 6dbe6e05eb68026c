using System.Net.Http.Headers;

namespace FakeServerless.Tests.Support;

/// <summary>
/// The multipart body of a Function or Asset version upload. Shared as source with the contract suite
/// (tests/FakeServerless.Contract links this file), so both build uploads the same way.
/// </summary>
internal static class VersionUploadForm
{
    /// <summary><c>Path</c>, <c>Visibility</c> and the <c>Content</c> file; a null part is left out.</summary>
    public static MultipartFormDataContent Create(string? path, string? visibility, byte[]? content, string contentType, string fileName)
    {
        var form = new MultipartFormDataContent();
        if (path is not null)
        {
            form.Add(new StringContent(path), "Path");
        }

        if (visibility is not null)
        {
            form.Add(new StringContent(visibility), "Visibility");
        }

        if (content is not null)
        {
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            form.Add(file, "Content", fileName);
        }

        return form;
    }
}
