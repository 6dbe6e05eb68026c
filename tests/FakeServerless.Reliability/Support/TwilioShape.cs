using System.Text.Json;

namespace FakeServerless.Reliability.Support;

/// <summary>What "Twilio-shaped" means here: an error is JSON with exactly code, message, more_info, status (status matching).</summary>
internal static class TwilioShape
{
    public static bool IsError(string body, int status)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            return root.ValueKind == JsonValueKind.Object &&
                root.EnumerateObject().Select(p => p.Name).SequenceEqual(["code", "message", "more_info", "status"]) &&
                root.GetProperty("code").ValueKind == JsonValueKind.Number &&
                root.GetProperty("status").TryGetInt32(out var s) && s == status &&
                root.GetProperty("message").ValueKind == JsonValueKind.String &&
                root.GetProperty("more_info").ValueKind == JsonValueKind.String;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static bool IsJson(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Checks one answer of the API host and counts it: no 5xx; an error is Twilio-shaped; a success is JSON (or empty for 204/HEAD).
    /// </summary>
    public static void Check(string description, int status, string body, bool isHead, bool isApiHost = true, bool isKestrelRefusal = false)
    {
        Figures.Request();
        if (isKestrelRefusal)
        {
            Figures.KestrelRefusal();
        }
        else if (status >= 500)
        {
            Figures.ServerError($"{description}: {status} {Short(body)}");
        }
        else if (isApiHost && !isHead && status >= 400 && !IsError(body, status))
        {
            Figures.NonTwilio($"{description}: {status} {Short(body)}");
        }
        else if (isApiHost && !isHead && status is >= 200 and < 300 && body.Length > 0 && !IsJson(body))
        {
            Figures.NonTwilio($"{description}: {status} {Short(body)}");
        }
    }

    /// <summary>
    /// Kestrel's own refusal, sent before any code of the fake runs (documented in the README): a 4xx or 505 status, no body,
    /// <c>Connection: close</c>, and <c>Server: Kestrel</c> on the port (the proxy's Kestrel names no server:
    /// <paramref name="proxy"/>).
    /// </summary>
    public static bool IsKestrelRefusal(int status, string body, string? server, string? connection, bool proxy = false) =>
        (status is >= 400 and < 500 or 505) && body.Length == 0 && (proxy ? string.IsNullOrEmpty(server) : server == "Kestrel") &&
        string.Equals(connection, "close", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc cref="IsKestrelRefusal(int, string, string?, string?, bool)"/>
    public static bool IsKestrelRefusal(HttpResponseMessage response, string body, bool proxy = false) =>
        IsKestrelRefusal((int)response.StatusCode, body, response.Headers.Server.ToString(), response.Headers.Connection.ToString(), proxy);

    private static string Short(string body) => body.Length > 300 ? body[..300] + "…" : body;
}
