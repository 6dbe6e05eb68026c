using FakeServerless.Changes.Commands;
using FakeServerless.Messages;
using FakeServerless.Routing;
using FakeServerless.State;
using FakeServerless.Wire;

namespace FakeServerless.Control;

/// <summary>
/// <c>POST /_fake/logs</c>: appends a Log record to an environment, as a function's <c>console.log</c> would (the HTTP twin of
/// <see cref="FakeServerlessAccount.AppendLog"/>), for tools in any language; answers the record as Twilio's Log JSON.
/// The environment names its account and service; <c>account_sid</c> and <c>service_sid</c> are checked when given.
/// </summary>
internal static class LogEndpoints
{
    public static void Register(ControlRoutes routes) => routes.Add("POST", "/_fake/logs", "AppendLog", RouteEffect.Write, Append);

    private static EngineResponse Append(ControlContext ctx)
    {
        var body = ctx.Body.Allow("account_sid", "service_sid", "environment_sid", "message", "level", "function_sid");
        var environmentSid = body.String("environment_sid") ?? throw ControlException.Invalid("environment_sid is required: the Environment (ZE…) whose logs get the line.");
        if (!SidPrefix.IsSid(environmentSid, SidPrefix.Environment))
        {
            throw ControlException.Invalid($"environment_sid must be an Environment SID (ZE followed by 32 hexadecimal digits), but it is '{environmentSid}'.");
        }

        var message = body.String("message") ?? throw ControlException.Invalid("message is required: the line the function logs.");
        var level = FunctionEndpoints.Level(body, "level");
        var functionSid = body.String("function_sid");
        if (functionSid is not null && !SidPrefix.IsSid(functionSid, SidPrefix.FunctionOrAsset))
        {
            throw ControlException.Invalid($"function_sid must be a Function SID (ZH followed by 32 hexadecimal digits), but it is '{functionSid}'.");
        }

        var owner = ctx.Engine.Backend.FindEnvironment(environmentSid);
        var accountSid = ControlContext.CheckAccountSid("account_sid", body.String("account_sid")) ?? owner?.AccountSid ?? ctx.Engine.Options.AccountSid;
        var service = body.String("service_sid") ?? owner?.ServiceSid
            ?? throw ControlException.NotFound($"Environment {environmentSid} was not found in any account.");
        var record = ctx.Engine.Writer.Apply(new AppendLogCommand(accountSid, service, environmentSid, level, message, functionSid));
        return EngineResponse.Json(201, ctx.Urls, record, ResourceJson.Log);
    }
}
