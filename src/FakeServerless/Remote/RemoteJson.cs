using System.Globalization;
using System.Text.Json;

namespace FakeServerless.Remote;

/// <summary>Reads the control API's journal entries and fault rules back into the C# types the in-process fake hands out.</summary>
internal static class RemoteJson
{
    public static IReadOnlyList<JournalEntry> JournalEntries(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var entries = new List<JournalEntry>();
        foreach (var e in document.RootElement.GetProperty("entries").EnumerateArray())
        {
            var parameters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var p in e.GetProperty("parameters").EnumerateObject())
            {
                parameters[p.Name] = [.. p.Value.EnumerateArray().Select(v => v.GetString()!)];
            }

            entries.Add(new JournalEntry
            {
                Timestamp = DateTimeOffset.Parse(e.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                AccountSid = e.GetProperty("account_sid").GetString(),
                ApiKeySid = e.TryGetProperty("api_key_sid", out var key) ? key.GetString() : null,
                Operation = e.GetProperty("operation").GetString()!,
                Method = e.GetProperty("method").GetString()!,
                Host = e.GetProperty("host").GetString()!,
                Path = e.GetProperty("path").GetString()!,
                Parameters = parameters,
                StatusCode = e.GetProperty("status").GetInt32(),
                ErrorCode = e.GetProperty("error_code") is { ValueKind: JsonValueKind.Number } code ? code.GetInt32() : null,
                Duration = TimeSpan.FromMilliseconds(e.GetProperty("duration_ms").GetDouble()),
                Transport = e.GetProperty("transport").GetString()!,
                Fault = e.GetProperty("fault").GetString(),
            });
        }

        return entries;
    }

    /// <summary>One rule as <c>POST</c>/<c>PATCH /_fake/faults</c> answer it, or every rule and the rate limit as <c>GET</c> does.</summary>
    public static FaultRule FaultRule(Faults.IRemoteFaults remote, JsonElement rule) =>
        global::FakeServerless.FaultRule.FromRemote(
            remote,
            rule.GetProperty("id").GetString()!,
            rule.GetProperty("operation").GetString(),
            rule.GetProperty("account_sid").GetString(),
            Int(rule, "status"),
            Int(rule, "code"),
            rule.GetProperty("message").GetString(),
            Number(rule, "retry_after_seconds") is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            Number(rule, "latency_ms") is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            rule.GetProperty("drop").GetBoolean(),
            Int(rule, "times"));

    public static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
}
