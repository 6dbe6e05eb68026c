using System.Globalization;
using System.Text.Json;
using FakeServerless.Messages;
using FakeServerless.Routing;
using FakeServerless.Wire;

namespace FakeServerless.Control;

/// <summary>
/// <c>GET /_fake/journal</c> (filters <c>Operation</c>, <c>AccountSid</c>, <c>Owner</c> — made as the account or sent to its
/// environments' domains, as a test scope's journal holds —, <c>Status</c>; <c>Tail</c> keeps the last N) and
/// <c>DELETE /_fake/journal</c> (<c>?AccountSid=</c>: only the entries made as that account).
/// </summary>
internal static class JournalEndpoints
{
    public static void Register(ControlRoutes routes)
    {
        routes.Add("GET", "/_fake/journal", "ListJournal", RouteEffect.Read, List);
        routes.Add("DELETE", "/_fake/journal", "ClearJournal", RouteEffect.Session, ctx =>
        {
            if (ctx.AccountSidQuery() is { } accountSid)
            {
                ctx.Engine.Journal.Forget(accountSid);
            }
            else
            {
                ctx.Engine.Journal.Clear();
            }

            return EngineResponse.NoContent();
        });
    }

    private static EngineResponse List(ControlContext ctx)
    {
        var operation = ctx.Query("Operation");
        var accountSid = ctx.AccountSidQuery();
        var owner = ControlContext.CheckAccountSid("Owner", ctx.Query("Owner"));
        var backend = ctx.Engine.Backend;
        int? status = ctx.Query("Status") is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s <= 599
                ? s
                : throw ControlException.Invalid($"Status must be an HTTP status code (0 for a dropped connection), but it is '{text}'.")
            : null;
        int? tail = ctx.Query("Tail") is { } tailText
            ? int.TryParse(tailText, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t >= 1
                ? t
                : throw ControlException.Invalid($"Tail must be a positive number of entries, but it is '{tailText}'.")
            : null;

        IEnumerable<JournalEntry> entries = ctx.Engine.Journal.Entries.Where(e =>
            (operation is null || string.Equals(e.Operation, operation, StringComparison.Ordinal)) &&
            (accountSid is null || string.Equals(e.AccountSid, accountSid, StringComparison.Ordinal)) &&
            (owner is null || (e.AccountSid is { } sid ? string.Equals(sid, owner, StringComparison.Ordinal) : backend.DomainOwner(e.Host) == owner)) &&
            (status is null || e.StatusCode == status));
        if (tail is { } last)
        {
            entries = entries.TakeLast(last);
        }

        return EngineResponse.Json(200, w => JsonArrays.WriteList(w, "entries", entries, Write));
    }

    private static void Write(Utf8JsonWriter w, JournalEntry entry)
    {
        w.WriteStartObject();
        w.WriteString("timestamp", entry.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        w.WriteString("account_sid", entry.AccountSid);
        w.WriteString("operation", entry.Operation);
        w.WriteString("method", entry.Method);
        w.WriteString("host", entry.Host);
        w.WriteString("path", entry.Path);
        w.WriteStartObject("parameters");
        foreach (var (name, values) in entry.Parameters)
        {
            w.WriteStartArray(name);
            foreach (var value in values)
            {
                w.WriteStringValue(value);
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteNumber("status", entry.StatusCode);
        if (entry.ErrorCode is { } code)
        {
            w.WriteNumber("error_code", code);
        }
        else
        {
            w.WriteNull("error_code");
        }

        w.WriteNumber("duration_ms", Math.Round(entry.Duration.TotalMilliseconds, 3));
        w.WriteString("transport", entry.Transport);
        w.WriteString("fault", entry.Fault);
        w.WriteString("api_key_sid", entry.ApiKeySid);
        w.WriteEndObject();
    }
}
