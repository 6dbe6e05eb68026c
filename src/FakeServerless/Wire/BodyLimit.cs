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

    /// <summary>
    /// The control API's own limit for every request but <c>PUT /_fake/state</c>: 4 MiB, whatever the API's limits (canned functions
    /// and fault rules are capped far below it).
    /// </summary>
    public const long ControlBytes = 4L * 1024 * 1024;

    /// <summary>
    /// The limit of <c>PUT /_fake/state</c>: the largest array .NET holds, so any state <c>GET /_fake/state</c> answered (one array of
    /// bytes) can be sent back. With a control token it applies only to a request that carries the token (others get
    /// <see cref="ControlBytes"/>), so nobody without the token makes the fake hold a large body.
    /// </summary>
    public static readonly long StateBytes = Array.MaxLength;

    /// <summary>
    /// The limit of one request: the control API's (<see cref="ControlBytes"/>, <see cref="StateBytes"/>) for a request to
    /// <c>/_fake/</c> when the control API is on, else <see cref="For(string?, FakeServerlessOptions)"/>.
    /// </summary>
    public static long For(string method, string path, ReadOnlySpan<char> hostName, string? contentType, string? authorization, FakeServerlessOptions options)
    {
        if (!options.EnableControlApi || !Control.ControlApi.Handles(path, hostName))
        {
            return For(contentType, options);
        }

        var isStatePut = method.Equals("PUT", StringComparison.OrdinalIgnoreCase) &&
            path.TrimEnd('/').Equals(Control.ControlApi.Prefix + "/state", StringComparison.Ordinal);
        return isStatePut && (options.ControlToken is not { Length: > 0 } token || Control.ControlApi.CarriesToken(authorization, System.Text.Encoding.UTF8.GetBytes(token)))
            ? StateBytes
            : ControlBytes;
    }

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
