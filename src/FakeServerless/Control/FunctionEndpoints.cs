using System.Text.Json;
using FakeServerless.Routing;
using FakeServerless.Wire;

namespace FakeServerless.Control;

/// <summary>
/// <c>POST /_fake/functions</c>: a canned answer for a live function path on every environment domain (the HTTP twin of
/// <see cref="FakeServerlessServer.MapFunction(string, Func{FunctionRequest, FunctionConsole, FunctionResponse})"/>);
/// <c>DELETE /_fake/functions</c> forgets every function handler, canned or mapped from C#.
/// </summary>
internal static class FunctionEndpoints
{
    public static void Register(ControlRoutes routes)
    {
        routes.Add("POST", "/_fake/functions", "CreateCannedFunction", Create);
        routes.Add("DELETE", "/_fake/functions", "ClearFunctions", ctx =>
        {
            ctx.Engine.Domains.ClearHandlers();
            return EngineResponse.NoContent();
        });
    }

    private static EngineResponse Create(ControlContext ctx)
    {
        var body = ctx.Body.Allow("path", "status", "content_type", "body", "headers");
        var path = body.String("path") ?? throw ControlException.Invalid("path is required: the function's path, such as /sms/reply.");
        if (!path.StartsWith('/') || path.Contains('?', StringComparison.Ordinal) || path.Contains('#', StringComparison.Ordinal))
        {
            throw ControlException.Invalid($"path must start with '/' and hold no query or fragment, such as /sms/reply, but it is '{path}'.");
        }

        var canned = new FunctionResponse
        {
            StatusCode = body.Int("status", 200, 599) ?? 200,
            ContentType = body.String("content_type") ?? "text/plain; charset=utf-8",
            Body = body.String("body") ?? string.Empty,
            Headers = Headers(body),
        };
        CannedLimits.Check(ctx, path, canned);
        ctx.Server.MapFunction(path, (_, _) => canned);

        return EngineResponse.Json(201, w =>
        {
            w.WriteStartObject();
            w.WriteString("path", path);
            w.WriteNumber("status", canned.StatusCode);
            w.WriteString("content_type", canned.ContentType);
            w.WriteString("body", canned.Body);
            w.WriteStartObject("headers");
            foreach (var (name, value) in canned.Headers)
            {
                w.WriteString(name, value);
            }

            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

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
