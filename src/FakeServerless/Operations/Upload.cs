using System.Text;
using FakeServerless.Messages;
using FakeServerless.Routing;
using FakeServerless.State;

namespace FakeServerless.Operations;

/// <summary>The parts of a version upload: <c>Path</c>, <c>Visibility</c> and the <c>Content</c> file.</summary>
internal sealed record Upload(string Path, Visibility Visibility, byte[] Content, string ContentType)
{
    public static Upload Read(RouteContext ctx)
    {
        var path = ctx.Required("Path");
        var visibilityText = ctx.Required("Visibility");
        var visibility = visibilityText.Trim().ToLowerInvariant() switch
        {
            "public" => Visibility.Public,
            "protected" => Visibility.Protected,
            "private" => Visibility.Private,
            _ => throw ServerlessException.Invalid($"Visibility must be one of public, protected or private, but was '{visibilityText}'."),
        };

        if (ctx.Params.GetFile("Content") is { } file)
        {
            // The type is served back as a header on the environment's domain: refuse what could break that header's line.
            var contentType = string.IsNullOrWhiteSpace(file.ContentType) ? HeaderText.FallbackContentType : file.ContentType.Trim(' ', '\t');
            return HeaderText.IsMediaType(contentType)
                ? new Upload(path, visibility, file.Content, contentType)
                : throw ServerlessException.Invalid(
                    $"The Content-Type of the Content file part, '{LogText.Truncate(LogText.Escape(contentType))}', is not valid: use {HeaderText.MediaTypeRule}.");
        }

        // Lenient: a plain form field named Content is taken as the file's text.
        var text = ctx.Params.Get("Content") ?? throw ServerlessException.Missing("Content");
        return new Upload(path, visibility, Encoding.UTF8.GetBytes(text), "application/octet-stream");
    }
}
