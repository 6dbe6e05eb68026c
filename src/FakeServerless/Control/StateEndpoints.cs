using FakeServerless.Messages;
using FakeServerless.Routing;
using FakeServerless.Snapshots;

namespace FakeServerless.Control;

/// <summary>
/// <c>GET /_fake/state</c> (<c>?AccountSid=</c> for one account) and <c>PUT /_fake/state</c>: the backend's versioned export
/// (<see cref="FakeServerlessServer.ExportState"/>) as JSON, and an import that replaces the whole state. What you PUT is what
/// you GET. Journal, faults and function handlers are not state and stay as they are.
/// </summary>
internal static class StateEndpoints
{
    public static void Register(ControlRoutes routes)
    {
        routes.Add("GET", "/_fake/state", "GetState", RouteEffect.Read, Export);
        routes.Add("PUT", "/_fake/state", "PutState", RouteEffect.Write, Import);
    }

    private static EngineResponse Export(ControlContext ctx)
    {
        var state = ctx.Engine.Backend.Export();
        if (ctx.AccountSidQuery() is { } accountSid)
        {
            var account = state.Accounts.FirstOrDefault(a => a.AccountSid == accountSid)
                ?? throw ControlException.NotFound($"Account {accountSid} has no state.");
            state = new FakeServerlessState
            {
                Version = state.Version,
                SidGeneratorPosition = state.SidGeneratorPosition,
                PendingBuildFailures = state.PendingBuildFailures,
                Accounts = [account],
                DomainBases = [.. account.Services.Items.Select(s => s.Service.DomainBase).Order(StringComparer.Ordinal)],
                Domains = [.. state.Domains.Where(d => d.AccountSid == accountSid)],
                ApiKeys = [.. state.ApiKeys.Where(k => k.AccountSid == accountSid)],
                RevokedApiKeys = state.RevokedApiKeys,
            };
        }

        return new EngineResponse { Status = 200, Body = state.ToJsonUtf8(), ContentType = EngineResponse.JsonContentType };
    }

    private static EngineResponse Import(ControlContext ctx)
    {
        if (ctx.Query("AccountSid") is not null)
        {
            throw ControlException.Invalid("AccountSid applies to GET only: PUT replaces the whole state with the one sent.");
        }

        try
        {
            // Read and checked whole before anything changes; the first bad value is named by its JSON path.
            var state = FakeServerlessState.Read(ctx.Request.Body);
            ctx.Engine.Writer.ReplaceState(state); // as ImportState, with the typed exception
        }
        catch (StateValidationException ex)
        {
            throw ControlException.Invalid(ex.Message);
        }

        return EngineResponse.NoContent();
    }
}
