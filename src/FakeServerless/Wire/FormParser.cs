using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace FakeServerless.Wire;

/// <summary>
/// Reads <c>application/x-www-form-urlencoded</c> bodies and query strings (repeated keys, <c>+</c> as space) and
/// <c>multipart/form-data</c> uploads. Parsed here rather than by the transport, so both transports read alike.
/// </summary>
internal static class FormParser
{
    public static void ParseUrlEncoded(ReadOnlySpan<char> text, FormData into)
    {
        if (text.Length > 0 && text[0] == '?')
        {
            text = text[1..];
        }

        foreach (var range in text.Split('&'))
        {
            var pair = text[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            var eq = pair.IndexOf('=');
            var key = Decode(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Decode(pair[(eq + 1)..]);
            if (key.Length > 0)
            {
                into.Add(key, value);
            }
        }
    }

    /// <summary>Adds a request body's parameters and files to <paramref name="form"/>; a body that is not a form adds nothing.</summary>
    public static async Task ParseBodyAsync(string? contentType, byte[] body, FormData form)
    {
        if (body.Length == 0 || contentType is null)
        {
            return;
        }

        if (contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            ParseUrlEncoded(Encoding.UTF8.GetString(body), form);
        }
        else if (contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            await ParseMultipartAsync(contentType, body, form).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// <see cref="ParseBodyAsync"/> for a body already in memory, where parsing never waits (durable mode's replay at start-up).
    /// </summary>
    public static void ParseBodyInMemory(string? contentType, byte[] body, FormData form)
    {
        var parsing = ParseBodyAsync(contentType, body, form);
        if (!parsing.IsCompleted)
        {
            throw new InvalidOperationException("Parsing a body held in memory did not complete synchronously.");
        }

        parsing.GetAwaiter().GetResult(); // completed: rethrows its exception, if any, without waiting
    }

    private static async Task ParseMultipartAsync(string contentType, byte[] body, FormData form)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType) ||
            HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            throw State.ServerlessException.Invalid("The multipart/form-data body has no boundary.");
        }

        var reader = new MultipartReader(boundary, new MemoryStream(body, writable: false));
        try
        {
            while (await reader.ReadNextSectionAsync().ConfigureAwait(false) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                using var buffer = new MemoryStream();
                await section.Body.CopyToAsync(buffer).ConfigureAwait(false);
                if (disposition.IsFileDisposition())
                {
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileName).Value
                        ?? HeaderUtilities.RemoveQuotes(disposition.FileNameStar).Value;
                    form.AddFile(new FormFile(name, fileName, section.ContentType ?? "application/octet-stream", buffer.ToArray()));
                }
                else
                {
                    form.Add(name, Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            // The reader's own text names its internals; say what is wrong in the request's terms.
            throw State.ServerlessException.Invalid(
                "The multipart/form-data body could not be read: a part is cut off before the closing boundary, or a part's headers are malformed or too long.");
        }
    }

    private static string Decode(ReadOnlySpan<char> value)
    {
        var text = value.Contains('+') ? value.ToString().Replace('+', ' ') : value.ToString();
        return text.Contains('%') ? Uri.UnescapeDataString(text) : text;
    }
}
