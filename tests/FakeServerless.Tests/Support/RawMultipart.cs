using System.Text;

namespace FakeServerless.Tests.Support;

/// <summary>
/// A version upload written byte by byte, so a part can carry what <see cref="MultipartFormDataContent"/> would refuse to write
/// (a bare LF, a control character or a non-ASCII letter in the file part's Content-Type). Linked into the reliability suite.
/// </summary>
internal static class RawMultipart
{
    public const string Boundary = "raw-b0undary";

    /// <summary><c>Path</c>, <c>Visibility</c> and a <c>Content</c> file part whose Content-Type line is <paramref name="rawContentType"/> as given.</summary>
    public static ByteArrayContent Upload(string path, string visibility, string content, string rawContentType)
    {
        var text = new StringBuilder()
            .Append("--").Append(Boundary).Append("\r\nContent-Disposition: form-data; name=\"Path\"\r\n\r\n").Append(path).Append("\r\n")
            .Append("--").Append(Boundary).Append("\r\nContent-Disposition: form-data; name=\"Visibility\"\r\n\r\n").Append(visibility).Append("\r\n")
            .Append("--").Append(Boundary).Append("\r\nContent-Disposition: form-data; name=\"Content\"; filename=\"index.html\"\r\n")
            .Append("Content-Type: ").Append(rawContentType).Append("\r\n\r\n").Append(content).Append("\r\n")
            .Append("--").Append(Boundary).Append("--\r\n");
        var body = new ByteArrayContent(Encoding.UTF8.GetBytes(text.ToString()));
        body.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={Boundary}");
        return body;
    }
}
