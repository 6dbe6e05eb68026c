using System.Text;
using FakeServerless.Messages;
using FakeServerless.Routing;
using FakeServerless.State;
using FakeServerless.Wire;

namespace FakeServerless.Operations;

/// <summary>Logs: read-only list (newest first; FunctionSid, StartDate, EndDate filters) and fetch.</summary>
internal static class LogOperations
{
    public static void Register(RouteTable routes)
    {
        const string list = "/v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Logs";

        routes.Add("GET", list, "ListLog", RouteEffect.Read, ctx =>
        {
            var (service, environment) = (ctx.Service(), ctx.Environment());
            ctx.Backend.Require(ctx.AccountSid, service, environment);
            var functionSid = ctx.OptionalSid("FunctionSid", SidPrefix.FunctionOrAsset);
            var start = ctx.Date("StartDate");
            var end = ctx.Date("EndDate");

            var filters = new StringBuilder();
            Append(filters, "StartDate", ctx.Optional("StartDate"));
            Append(filters, "EndDate", ctx.Optional("EndDate"));
            Append(filters, "FunctionSid", functionSid);

            return ListResponse.Page(
                ctx,
                page => ctx.Backend.ListLogs(ctx.AccountSid, service, environment, page, functionSid, start, end),
                "logs",
                static r => r.Sid,
                ResourceJson.Log,
                filters.ToString());
        });

        routes.Add("GET", list + "/{Sid}", "FetchLog", RouteEffect.Read, ctx =>
            EngineResponse.Json(200, ctx.Urls, ctx.Backend.FetchLog(ctx.AccountSid, ctx.Service(), ctx.Environment(), ctx.Sid("Sid", SidPrefix.Log)), ResourceJson.Log));
    }

    private static void Append(StringBuilder filters, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            filters.Append(name).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
        }
    }
}
