using System.Text.Json;
using FakeServerless.Messages;
using FakeServerless.Routing;
using FakeServerless.Wire;

namespace FakeServerless.Control;

/// <summary>
/// <c>POST /_fake/scenarios</c> <c>{"kind":"service-ready-to-deploy"|"service-live-in","environment":…,"account_sid":…}</c>:
/// seeds a scenario (the HTTP twin of <c>fake.Seed()</c>) and answers its SIDs.
/// </summary>
internal static class ScenarioEndpoints
{
    private const string ReadyToDeploy = "service-ready-to-deploy";
    private const string LiveIn = "service-live-in";

    public static void Register(ControlRoutes routes) => routes.Add("POST", "/_fake/scenarios", "CreateScenario", RouteEffect.Write, Create);

    private static EngineResponse Create(ControlContext ctx)
    {
        var body = ctx.Body.Allow("kind", "environment", "account_sid");
        var kind = body.String("kind") ?? throw ControlException.Invalid($"kind is required: {ReadyToDeploy} or {LiveIn}.");
        var environment = body.String("environment");
        var accountSid = ControlContext.CheckAccountSid("account_sid", body.String("account_sid")) ?? ctx.Engine.Options.AccountSid;
        if (environment is { Length: 0 })
        {
            throw ControlException.Invalid("environment must be an environment's unique name, such as staging, but it is empty.");
        }

        var seeder = new ScenarioSeeder(ctx.Engine.Account(accountSid), ctx.Engine.Options.Seed);
        var scenario = kind switch
        {
            ReadyToDeploy when environment is not null =>
                throw ControlException.Invalid($"environment applies only to kind {LiveIn}: a {ReadyToDeploy} scenario is deployed nowhere."),
            ReadyToDeploy => seeder.ServiceReadyToDeploy(),
            LiveIn => seeder.ServiceLiveIn(environment ?? "staging", options =>
            {
                // Any environment name works: one the defaults lack (staging, production) is added to them.
                if (!options.EnvironmentNames.Contains(environment ?? "staging"))
                {
                    options.EnvironmentNames.Add(environment!);
                }
            }),
            _ => throw ControlException.Invalid($"kind must be {ReadyToDeploy} or {LiveIn}, but it is '{kind}'."),
        };

        return EngineResponse.Json(201, w => Write(w, kind, scenario));
    }

    private static void Write(Utf8JsonWriter w, string kind, SeededScenario scenario)
    {
        w.WriteStartObject();
        w.WriteString("kind", kind);
        w.WriteString("account_sid", scenario.AccountSid);
        w.WriteNumber("seed", scenario.Seed);
        w.WriteStartObject("service");
        w.WriteString("sid", scenario.Service.Sid);
        w.WriteString("unique_name", scenario.Service.UniqueName);
        w.WriteEndObject();
        JsonArrays.WriteObjects(w, "environments", scenario.Environments, static (w, environment) =>
        {
            w.WriteString("sid", environment.Sid);
            w.WriteString("unique_name", environment.UniqueName);
            w.WriteString("domain_name", environment.DomainName);
            w.WriteString("build_sid", environment.BuildSid);
        });
        WriteVersions(w, "functions", scenario.Functions.Select(f => (f.Function.Sid, f.Version.Sid, f.Path)));
        WriteVersions(w, "assets", scenario.Assets.Select(a => (a.Asset.Sid, a.Version.Sid, a.Path)));
        w.WriteStartObject("build");
        w.WriteString("sid", scenario.Build.Sid);
        w.WriteString("status", ResourceJson.StatusName(scenario.Build.Status));
        w.WriteEndObject();
        JsonArrays.WriteObjects(w, "deployments", scenario.Deployments, static (w, deployment) =>
        {
            w.WriteString("sid", deployment.Sid);
            w.WriteString("environment_sid", deployment.EnvironmentSid);
            w.WriteString("build_sid", deployment.BuildSid);
        });
        w.WriteEndObject();
    }

    private static void WriteVersions(Utf8JsonWriter w, string name, IEnumerable<(string Sid, string VersionSid, string Path)> items) =>
        JsonArrays.WriteObjects(w, name, items, static (w, item) =>
        {
            w.WriteString("sid", item.Sid);
            w.WriteString("version_sid", item.VersionSid);
            w.WriteString("path", item.Path);
        });
}
