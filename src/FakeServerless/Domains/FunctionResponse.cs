using System.Text.Json;

namespace FakeServerless;

/// <summary>What a registered function handler answers.</summary>
public sealed record FunctionResponse
{
    /// <summary>The HTTP status. Default 200.</summary>
    public int StatusCode { get; init; } = 200;

    /// <summary>The body text.</summary>
    public string Body { get; init; } = string.Empty;

    /// <summary>The content type. Default <c>text/plain; charset=utf-8</c>.</summary>
    public string ContentType { get; init; } = "text/plain; charset=utf-8";

    /// <summary>Extra response headers.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>A 200 with a text body.</summary>
    public static FunctionResponse Text(string body, int statusCode = 200) => new() { Body = body, StatusCode = statusCode };

    /// <summary>A 200 with <paramref name="value"/> serialized as JSON (as <c>callback(null, object)</c> does).</summary>
    public static FunctionResponse Json(object value, int statusCode = 200) =>
        new() { Body = JsonSerializer.Serialize(value), ContentType = "application/json", StatusCode = statusCode };

    /// <summary>TwiML (<c>text/xml</c>).</summary>
    public static FunctionResponse TwiML(string xml) => new() { Body = xml, ContentType = "text/xml" };
}
