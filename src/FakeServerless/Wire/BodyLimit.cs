using FakeServerless.Routing;

namespace FakeServerless.Wire;

/// <summary>
/// The request size limits of <see cref="FakeServerlessOptions"/>: which one applies to a body, and the answer past it. The
/// front door (Transports/FrontDoor) reads bodies against them.
/// </summary>
internal static class BodyLimit
{
    /// <summary>The Twilio-shaped code of a <c>413</c>.</summary>
    public const int TooLargeCode = 20413;

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
}
