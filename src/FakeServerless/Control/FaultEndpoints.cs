using System.Text.Json;
using FakeServerless.Messages;
using FakeServerless.Routing;
using FakeServerless.Wire;

namespace FakeServerless.Control;

/// <summary>
/// <c>POST|GET|DELETE /_fake/faults</c>, <c>DELETE /_fake/faults/{id}</c> and <c>PUT /_fake/rate-limit</c>: the HTTP face of
/// <see cref="FaultInjector"/>. Rules keep the injector's order (first answering rule wins) and its ids.
/// </summary>
internal static class FaultEndpoints
{
    /// <summary>The most fault rules the control API adds (rules used up by <c>times</c> are dropped first to make room).</summary>
    public const int MaxRules = 100;

    /// <summary>The longest <c>message</c> of a fault's error answer.</summary>
    public const int MaxMessageChars = 4096;

    private static readonly string[] FaultFields =
        ["operation", "account_sid", "status", "code", "message", "retry_after_seconds", "latency_ms", "drop", "times", "pass_through"];

    private static readonly string[] ActionFields = ["status", "code", "message", "retry_after_seconds", "latency_ms", "drop", "times"];

    public static void Register(ControlRoutes routes)
    {
        routes.Add("POST", "/_fake/faults", "CreateFault", RouteEffect.Session, Create);
        routes.Add("GET", "/_fake/faults", "ListFaults", RouteEffect.Read, List);
        routes.Add("DELETE", "/_fake/faults", "ClearFaults", RouteEffect.Session, ctx =>
        {
            if (ctx.AccountSidQuery() is { } accountSid)
            {
                ctx.Engine.Faults.RemoveRulesOf(accountSid);
            }
            else
            {
                ctx.Engine.Faults.Clear();
            }

            return EngineResponse.NoContent();
        });
        routes.Add("PATCH", "/_fake/faults/{Id}", "UpdateFault", RouteEffect.Session, Update);
        routes.Add("DELETE", "/_fake/faults/{Id}", "DeleteFault", RouteEffect.Session, ctx =>
            ctx.Engine.Faults.Remove(ctx.Value("Id"))
                ? EngineResponse.NoContent()
                : throw ControlException.NotFound($"There is no fault rule with id '{ctx.Value("Id")}'; GET /_fake/faults lists them."));
        routes.Add("PUT", "/_fake/rate-limit", "SetRateLimit", RouteEffect.Session, SetRateLimit);
    }

    private static EngineResponse Create(ControlContext ctx)
    {
        var body = ctx.Body.Allow(FaultFields);
        var operation = body.String("operation");
        var known = ctx.Engine.Routes.Routes.Select(r => r.Operation).Append(RequestJournal.UnmatchedOperation).Distinct().ToList();
        if (operation is not null && !known.Contains(operation, StringComparer.Ordinal))
        {
            throw ControlException.Invalid($"operation '{operation}' is not an operation of the fake; use one of {string.Join(", ", known)} (or null for every operation).");
        }

        var accountSid = ControlContext.CheckAccountSid("account_sid", body.String("account_sid"));
        var status = body.Int("status", 400, 599);
        var code = body.Int("code", 1, 99_999);
        var message = body.String("message");
        var retryAfter = body.Number("retry_after_seconds", 0, 86_400);
        var latency = body.Number("latency_ms", 0, 600_000);
        var drop = body.Bool("drop") ?? false;
        var times = body.Int("times", 1, int.MaxValue);

        CheckMessage(message);

        if (body.Bool("pass_through") == true)
        {
            // The C# client's Faults.When(…): a rule that lets requests through until PATCH gives it an answer.
            if (ActionFields.FirstOrDefault(body.Has) is { } field)
            {
                throw ControlException.Invalid($"pass_through creates a rule without an answer, so {field} does not apply; PATCH /_fake/faults/{{id}} sets it later.");
            }

            MakeRoom(ctx);
            return EngineResponse.Json(201, w => Write(w, ctx.Engine.Faults.Add(operation, accountSid, static _ => { })));
        }

        if (status is null && latency is null && !drop)
        {
            throw ControlException.Invalid("A fault needs at least one of status, latency_ms or drop: true (or pass_through: true for a rule to PATCH later).");
        }

        if (drop && status is not null)
        {
            throw ControlException.Invalid("drop and status exclude each other: a dropped connection has no status.");
        }

        foreach (var (field, present) in new[] { ("code", code is not null), ("message", message is not null), ("retry_after_seconds", retryAfter is not null) })
        {
            if (present && status is null)
            {
                throw ControlException.Invalid($"{field} needs status: it is part of the error answer.");
            }
        }

        MakeRoom(ctx);
        var rule = ctx.Engine.Faults.Add(operation, accountSid, rule =>
        {
            if (status is { } s)
            {
                if (s == 429)
                {
                    rule.TooManyRequests(TimeSpan.FromSeconds(retryAfter ?? 1));
                }

                rule.RespondWith(s, code, message);
                if (retryAfter is { } seconds)
                {
                    rule.WithRetryAfter(TimeSpan.FromSeconds(seconds));
                }
            }

            if (latency is { } ms)
            {
                rule.WithLatency(TimeSpan.FromMilliseconds(ms));
            }

            if (drop)
            {
                rule.DropConnection();
            }

            if (times is { } n)
            {
                rule.Times(n);
            }
        });

        return EngineResponse.Json(201, w => Write(w, rule));
    }

    private static void CheckMessage(string? message)
    {
        if (message is { Length: > MaxMessageChars })
        {
            throw ControlException.Invalid($"message must be at most {MaxMessageChars} characters (an error answer's message), but it has {message.Length}.");
        }
    }

    /// <summary>Drops used-up rules when the fake holds <see cref="MaxRules"/>; refuses a new rule when that frees none.</summary>
    private static void MakeRoom(ControlContext ctx)
    {
        if (ctx.Engine.Faults.Rules.Count >= MaxRules)
        {
            ctx.Engine.Faults.RemoveExhausted();
        }

        if (ctx.Engine.Faults.Rules.Count >= MaxRules)
        {
            throw ControlException.Invalid($"The fake already holds {MaxRules} fault rules, the most it keeps; DELETE /_fake/faults/{{id}} or DELETE /_fake/faults removes them.");
        }
    }

    /// <summary>
    /// Changes a rule as the C# fluent calls do, in their order: <c>status</c> (with <c>code</c> and <c>message</c>) as
    /// <see cref="FaultRule.RespondWith"/>, then <c>retry_after_seconds</c>, <c>latency_ms</c>, <c>drop</c> and <c>times</c>.
    /// </summary>
    private static EngineResponse Update(ControlContext ctx)
    {
        var body = ctx.Body.Allow(ActionFields);
        var rule = ctx.Engine.Faults.Find(ctx.Value("Id"))
            ?? throw ControlException.NotFound($"There is no fault rule with id '{ctx.Value("Id")}'; GET /_fake/faults lists them.");
        var status = body.Int("status", 400, 599);
        var code = body.Int("code", 1, 99_999);
        var message = body.String("message");
        var retryAfter = body.Number("retry_after_seconds", 0, 86_400);
        var latency = body.Number("latency_ms", 0, 600_000);
        var drop = body.Bool("drop");
        var times = body.Int("times", 1, int.MaxValue);
        CheckMessage(message);

        if (status is null && (code is not null || message is not null))
        {
            throw ControlException.Invalid("code and message need status: they are part of the error answer.");
        }

        if (status is { } s)
        {
            rule.RespondWith(s, code, message);
        }

        if (retryAfter is { } seconds)
        {
            rule.WithRetryAfter(TimeSpan.FromSeconds(seconds));
        }

        if (latency is { } ms)
        {
            rule.WithLatency(TimeSpan.FromMilliseconds(ms));
        }

        if (drop == true)
        {
            rule.DropConnection();
        }

        if (times is { } n)
        {
            rule.Times(n);
        }

        return EngineResponse.Json(200, w => Write(w, rule));
    }

    private static EngineResponse List(ControlContext ctx)
    {
        var faults = ctx.Engine.Faults;
        return EngineResponse.Json(200, w =>
        {
            w.WriteStartObject();
            JsonArrays.Write(w, "faults", faults.Rules, Write);
            w.WritePropertyName("rate_limit");
            WriteRateLimit(w, faults);
            w.WriteEndObject();
        });
    }

    private static EngineResponse SetRateLimit(ControlContext ctx)
    {
        var body = ctx.Body.Allow("requests_per_second", "account_sid");
        if (!body.Root.TryGetProperty("requests_per_second", out _))
        {
            throw ControlException.Invalid("requests_per_second is required: a number of requests per second, or null to lift the limit.");
        }

        var perSecond = body.Int("requests_per_second", 1, 1_000_000);
        var accountSid = ControlContext.CheckAccountSid("account_sid", body.String("account_sid"));
        if (perSecond is { } limit)
        {
            ctx.Engine.Faults.RateLimit(limit, accountSid);
        }
        else
        {
            ctx.Engine.Faults.LiftRateLimit();
        }

        return EngineResponse.Json(200, w => WriteRateLimit(w, ctx.Engine.Faults));
    }

    private static void WriteRateLimit(Utf8JsonWriter w, FaultInjector faults)
    {
        w.WriteStartObject();
        if (faults.RateLimitPerSecond is { } limit)
        {
            w.WriteNumber("requests_per_second", limit);
        }
        else
        {
            w.WriteNull("requests_per_second");
        }

        w.WriteString("account_sid", faults.RateLimitAccountSid);
        w.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter w, FaultRule rule)
    {
        w.WriteStartObject();
        w.WriteString("id", rule.Id);
        w.WriteString("operation", rule.Operation);
        w.WriteString("account_sid", rule.AccountSid);
        WriteNumber(w, "status", rule.Status);
        WriteNumber(w, "code", rule.Code);
        w.WriteString("message", rule.Message);
        WriteNumber(w, "retry_after_seconds", rule.RetryAfter?.TotalSeconds);
        WriteNumber(w, "latency_ms", rule.Latency?.TotalMilliseconds);
        w.WriteBoolean("drop", rule.Drop);
        WriteNumber(w, "times", rule.Remaining);
        w.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
