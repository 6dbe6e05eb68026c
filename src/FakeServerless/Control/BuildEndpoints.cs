using FakeServerless.Messages;
using FakeServerless.Routing;
using FakeServerless.State;
using FakeServerless.Wire;

namespace FakeServerless.Control;

/// <summary>
/// <c>POST /_fake/builds/{ZB}/complete</c> and <c>/fail</c>: finish a <c>building</c> build (for manual build completion),
/// wherever it lives, and answer its new record as Twilio's Build JSON; <c>POST /_fake/builds/fail-next</c> <c>{"count":N}</c>
/// makes the next N builds created end <c>failed</c> (<see cref="FakeServerlessServer.FailNextBuild"/>).
/// </summary>
internal static class BuildEndpoints
{
    public static void Register(ControlRoutes routes)
    {
        routes.Add("POST", "/_fake/builds/{Sid}/complete", "CompleteBuild", RouteEffect.Write, ctx => Finish(ctx, complete: true));
        routes.Add("POST", "/_fake/builds/{Sid}/fail", "FailBuild", RouteEffect.Write, ctx => Finish(ctx, complete: false));
        routes.Add("POST", "/_fake/builds/fail-next", "FailNextBuilds", RouteEffect.Write, ctx =>
        {
            ctx.Engine.FailNextBuild(ctx.Body.Allow("count").Int("count", 1, 1_000_000) ?? 1);
            return EngineResponse.NoContent();
        });
    }

    private static EngineResponse Finish(ControlContext ctx, bool complete)
    {
        var sid = ctx.Value("Sid");
        var (account, build) = Find(ctx, sid);
        var finished = complete ? account.CompleteBuild(build.ServiceSid, sid) : account.FailBuild(build.ServiceSid, sid);
        var record = account.Snapshot().Build(sid) ?? throw NotFound(sid);
        if (!finished)
        {
            throw ControlException.Conflict(
                $"Build {sid} is already {ResourceJson.StatusName(record.Status)}: only a building build can be {(complete ? "completed" : "failed")}.");
        }

        return EngineResponse.Json(200, ctx.Urls, record, ResourceJson.Build);
    }

    /// <summary>The account and record of build <paramref name="sid"/>, searched in every account.</summary>
    private static (FakeServerlessAccount Account, BuildRecord Build) Find(ControlContext ctx, string sid)
    {
        if (SidPrefix.IsSid(sid, SidPrefix.Build))
        {
            foreach (var accountSid in ctx.Engine.Backend.AccountSids)
            {
                var account = ctx.Engine.Account(accountSid);
                if (account.Snapshot().Build(sid) is { } build)
                {
                    return (account, build);
                }
            }
        }

        throw NotFound(sid);
    }

    private static ControlException NotFound(string sid) =>
        ControlException.NotFound($"Build {sid} was not found in any account.");
}
