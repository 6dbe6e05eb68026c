namespace FakeServerless.State;

/// <summary>A Twilio-shaped failure raised by the state or route layer and turned into an error body by the engine.</summary>
internal sealed class ServerlessException : Exception
{
    private ServerlessException(int status, int code, string message, string? resourcePath)
        : base(message)
    {
        Status = status;
        Code = code;
        ResourcePath = resourcePath;
    }

    public int Status { get; }

    public int Code { get; }

    /// <summary>For 404s: the resource path (without <c>/v1</c>) to name; null means the request's own path.</summary>
    public string? ResourcePath { get; }

    /// <summary>404 / 20404; the message is made from the request path unless <paramref name="resourcePath"/> is given.</summary>
    public static ServerlessException NotFound(string? resourcePath = null) =>
        new(404, 20404, "The requested resource was not found", resourcePath);

    /// <summary>400 / 20001: a missing or invalid parameter.</summary>
    public static ServerlessException Invalid(string message) => new(400, 20001, message, null);

    /// <summary>400 / 82007: a build names a runtime Twilio does not run (see <see cref="BuildRuntimes"/>).</summary>
    public static ServerlessException UnsupportedRuntime(string runtime) =>
        new(400, BuildRuntimes.UnsupportedCode, BuildRuntimes.Unsupported(runtime), null);

    /// <summary>400 / 20001 "Missing required parameter X in the post body".</summary>
    public static ServerlessException Missing(string parameter) =>
        new(400, 20001, $"Missing required parameter {parameter} in the post body", null);

    /// <summary>503 / 20503: the fake cannot answer now (e.g. its data directory cannot be written).</summary>
    public static ServerlessException Unavailable(string message) => new(503, 20503, message, null);

    /// <summary>409 / 20409: the request conflicts with the current state.</summary>
    public static ServerlessException Conflict(string message) => new(409, 20409, message, null);
}
