using FakeServerless.Routing;

namespace FakeServerless.Wire;

/// <summary>
/// The request size limits of <see cref="FakeServerlessOptions"/>: which one applies to a body, and a bounded read that stops at the
/// limit instead of buffering whatever the client sends.
/// </summary>
internal static class BodyLimit
{
    /// <summary>The Twilio-shaped code of a <c>413</c>.</summary>
    public const int TooLargeCode = 20413;

    private const int ChunkBytes = 81920;

    /// <summary><see cref="FakeServerlessOptions.MaxUploadBodyBytes"/> for <c>multipart/form-data</c>, else <see cref="FakeServerlessOptions.MaxFormBodyBytes"/>.</summary>
    public static long For(string? contentType, FakeServerlessOptions options) =>
        contentType is not null && contentType.TrimStart().StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            ? options.MaxUploadBodyBytes
            : options.MaxFormBodyBytes;

    /// <summary>The <c>413</c> answer.</summary>
    public static EngineResponse TooLarge(long limit, long? length)
    {
        var size = length is { } bytes ? $"{bytes} bytes" : "more than the limit";
        var response = EngineResponse.Error(413, TooLargeCode, $"Request Entity Too Large: the body is {size}; this fake accepts at most {limit} bytes.");
        response.Headers["Connection"] = "close";
        return response;
    }

    /// <summary>Reads <paramref name="body"/> to its end, or returns null as soon as it holds more than <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long limit, long? declaredLength, CancellationToken ct)
    {
        using var buffer = new MemoryStream(declaredLength is { } length && length <= limit ? (int)length : 0);
        var chunk = new byte[ChunkBytes];
        int read;
        while ((read = await body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
