using System.Text.Json;
using FakeServerless.Domains;
using FakeServerless.Messages;
using FakeServerless.Routing;

namespace FakeServerless.Control;

/// <summary>
/// <c>POST /_fake/functions</c>: a canned answer for a live function path (the HTTP twin of
/// <see cref="FakeServerlessServer.MapFunction(string, Func{FunctionRequest, FunctionConsole, FunctionResponse}, string)"/>), on
/// every environment domain or, with <c>scope</c>, one account's, environment's or domain's, optionally writing log lines each time
/// it answers; <c>DELETE /_fake/functions</c> forgets every function handler, canned or mapped from C#, or with
/// <c>?AccountSid=</c> one account's.
/// </summary>
internal static class FunctionEndpoints
{
    private static readonly string[] Levels = ["info", "warn", "error"];

    public static void Register(ControlRoutes routes)
    {
        routes.Add("POST", "/_fake/functions", "CreateCannedFunction", RouteEffect.Session, Create);
        routes.Add("DELETE", "/_fake/functions", "ClearFunctions", RouteEffect.Session, ctx =>
        {
            if (ctx.AccountSidQuery() is { } accountSid)
            {
                ctx.Engine.Domains.ForgetHandlersOf(accountSid);
            }
            else
            {
                ctx.Engine.Domains.ClearHandlers();
            }

            return EngineResponse.NoContent();
        });
    }

    private static EngineResponse Create(ControlContext ctx)
    {
        var body = ctx.Body.Allow("path", "status", "content_type", "body", "headers", "scope", "logs");
        var path = body.String("path") ?? throw ControlException.Invalid("path is required: the function's path, such as /sms/reply.");
        if (!path.StartsWith('/') || path.Contains('?', StringComparison.Ordinal) || path.Contains('#', StringComparison.Ordinal))
        {
            throw ControlException.Invalid($"path must start with '/' and hold no query or fragment, such as /sms/reply, but it is '{path}'.");
        }

        FunctionScope scope;
        try
        {
            scope = FunctionScope.Parse(body.String("scope"));
        }
        catch (ArgumentException)
        {
            throw ControlException.Invalid($"scope must be {FunctionScope.Expected}, but it is '{body.String("scope")}'.");
        }

        var canned = new FunctionResponse
        {
            StatusCode = body.Int("status", 200, 599) ?? 200,
            ContentType = body.String("content_type") ?? "text/plain; charset=utf-8",
            Body = body.String("body") ?? string.Empty,
            Headers = Headers(body),
        };
        var logs = Logs(body);
        CannedLimits.Check(ctx, scope, path, canned, logs);
        ctx.Engine.Domains.Map(scope, path, (_, console, _) =>
        {
            foreach (var (level, message) in logs)
            {
                console.Add(level, message);
            }

            return ValueTask.FromResult(canned);
        });

        return EngineResponse.Json(201, w =>
        {
            w.WriteStartObject();
            w.WriteString("path", path);
            w.WriteString("scope", scope.Name);
            w.WriteNumber("status", canned.StatusCode);
            w.WriteString("content_type", canned.ContentType);
            w.WriteString("body", canned.Body);
            w.WriteStartObject("headers");
            foreach (var (name, value) in canned.Headers)
            {
                w.WriteString(name, value);
            }

            w.WriteEndObject();
            w.WriteStartArray("logs");
            foreach (var (level, message) in logs)
            {
                w.WriteStartObject();
                w.WriteString("level", level);
                w.WriteString("message", message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>The log lines a canned function writes each time it answers: <c>[{"message":…,"level":"info"|"warn"|"error"}]</c>.</summary>
    private static List<(string Level, string Message)> Logs(ControlBody body)
    {
        if (!body.Has("logs"))
        {
            return [];
        }

        var value = body.Root.GetProperty("logs");
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw ControlBody.WrongType("logs", "an array of {\"message\":…, \"level\":…} objects", value);
        }

        var lines = new List<(string, string)>();
        foreach (var (line, i) in value.EnumerateArray().Select((line, i) => (line, i)))
        {
            if (line.ValueKind != JsonValueKind.Object)
            {
                throw ControlBody.WrongType($"logs[{i}]", "an object with message and level", line);
            }

            var entry = ControlBody.Of(line).Allow("message", "level");
            lines.Add((Level(entry, $"logs[{i}].level"), entry.String("message") ?? throw ControlException.Invalid($"logs[{i}].message is required: the line the function logs.")));
        }

        return lines;
    }

    /// <summary>A Log record's level: <c>info</c> (the default), <c>warn</c> or <c>error</c>, as Twilio's console methods write.</summary>
    internal static string Level(ControlBody body, string field) =>
        body.String("level") is not { } level ? "info"
        : Levels.Contains(level, StringComparer.Ordinal) ? level
        : throw ControlException.Invalid($"{field} must be one of {string.Join(", ", Levels)}, but it is '{level}'.");

    private static Dictionary<string, string> Headers(ControlBody body)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!body.Has("headers"))
        {
            return headers;
        }

        var value = body.Root.GetProperty("headers");
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw ControlBody.WrongType("headers", "an object of header names to string values", value);
        }

        foreach (var header in value.EnumerateObject())
        {
            if (!HeaderText.IsToken(header.Name))
            {
                throw ControlException.Invalid($"headers: '{LogText.Truncate(LogText.Escape(header.Name))}' is not a valid HTTP header name (ASCII letters, digits and !#$%&'*+-.^_`|~).");
            }

            if (CannedLimits.ManagedHeaders.Contains(header.Name))
            {
                throw ControlException.Invalid($"headers: {header.Name} is set by the fake itself (use content_type for Content-Type); leave it out.");
            }

            headers[header.Name] = header.Value.ValueKind == JsonValueKind.String && HeaderText.IsFieldValue(header.Value.GetString())
                ? header.Value.GetString()!
                : throw ControlBody.WrongType($"headers.{header.Name}", $"a string of {HeaderText.FieldValueRule}", header.Value);
        }

        return headers;
    }
}
