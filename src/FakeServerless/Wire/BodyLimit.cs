using FakeServerless.Messages;

namespace FakeServerless.Wire;

/// <summary>
/// The request size limits (the options' <c>MaxFormBodyBytes</c> and <c>MaxUploadBodyBytes</c>): which one applies to a body,
/// and the answer past it. The front door (Engine/FrontDoor) reads bodies against them.
/// </summary>
internal static class BodyLimit
{
    /// <summary>The Twilio-shaped code of a <c>413</c>.</summary>
    public const int TooLargeCode = 20413;

    /// <summary><paramref name="maxUploadBodyBytes"/> for <c>multipart/form-data</c>, else <paramref name="maxFormBodyBytes"/>.</summary>
    public static long For(string? contentType, long maxFormBodyBytes, long maxUploadBodyBytes) =>
        contentType is not null && contentType.TrimStart().StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            ? maxUploadBodyBytes
            : maxFormBodyBytes;

    /// <summary>The <c>413</c> answer.</summary>
    public static EngineResponse TooLarge(long limit, long? length)
    {
        var size = length is { } bytes ? $"{bytes} bytes" : "more than the limit";
        var response = EngineResponse.Error(413, TooLargeCode, $"Request Entity Too Large: the body is {size}; this fake accepts at most {limit} bytes.");
        response.Headers["Connection"] = "close";
        return response;
    }
}
