using System.Text;
using System.Text.RegularExpressions;
using FakeServerless.Tests.Support;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Build;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Tests.Seeding;

[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class ScenarioSeederTests(FakeServerlessTransport transport) : FakeTestBase(transport)
{
    private static readonly Regex UrlFriendly = new("^[a-z0-9]+(?:-[a-z0-9]+)*$");

    [Test]
    public void ServiceReadyToDeploy_SameFakeSeed_SameScenarioSidsIncluded()
    {
        using var first = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { Seed = 42 });
        using var second = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { Seed = 42 });

        var a = Describe(first.Seed().ServiceReadyToDeploy());
        var b = Describe(second.Seed().ServiceReadyToDeploy());

        Assert.That(b, Is.EqualTo(a));
    }

    [Test]
    public void ServiceReadyToDeploy_DifferentFakeSeeds_DifferentNamesAndContents()
    {
        using var first = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { Seed = 1 });
        using var second = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { Seed = 2 });

        var a = first.Seed().ServiceReadyToDeploy();
        var b = second.Seed().ServiceReadyToDeploy();

        Assert.That(Describe(b), Is.Not.EqualTo(Describe(a)));
        Assert.That(b.Seed, Is.Not.EqualTo(a.Seed));
    }

    [Test]
    public void ServiceReadyToDeploy_ExplicitSeed_RepeatsNamesAndContents()
    {
        var original = Fake.Seed().ServiceReadyToDeploy();
        using var other = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { Seed = 999 });

        var repeated = other.Seed().ServiceReadyToDeploy(o => o.Seed = original.Seed);

        Assert.That(repeated.Service.UniqueName, Is.EqualTo(original.Service.UniqueName));
        Assert.That(repeated.Functions.Select(f => (f.Path, f.Version.Content)), Is.EqualTo(original.Functions.Select(f => (f.Path, f.Version.Content))));
        Assert.That(repeated.Assets.Select(a => Encoding.UTF8.GetString(a.Version.Content.Span)), Is.EqualTo(original.Assets.Select(a => Encoding.UTF8.GetString(a.Version.Content.Span))));
    }

    [Test]
    public void ServiceReadyToDeploy_CalledTwiceOnOneFake_SeedsTwoDistinctServices()
    {
        var first = Fake.Seed().ServiceReadyToDeploy();
        var second = Fake.Seed().ServiceReadyToDeploy();

        Assert.That(second.Service.UniqueName, Is.Not.EqualTo(first.Service.UniqueName));
        Assert.That(Fake.Snapshot().Services, Has.Count.EqualTo(2));
    }

    [Test]
    public void ServiceReadyToDeploy_Defaults_RealisticServiceWithCompletedBuildDeployedNowhere()
    {
        var scenario = Fake.Seed().ServiceReadyToDeploy();

        Assert.That(scenario.Environments.Select(e => e.UniqueName), Is.EqualTo(new[] { "staging", "production" }));
        Assert.That(scenario.Environment("staging").DomainName, Does.EndWith("-staging.twil.io"));
        Assert.That(scenario.Environment("production").DomainSuffix, Is.Null);
        Assert.That(scenario.Environments.Select(e => e.BuildSid), Is.All.Null);
        Assert.That(scenario.Functions, Has.Count.InRange(2, 3));
        Assert.That(scenario.Functions.Select(f => f.Path), Is.All.Match("^/[a-z-]+(?:/[a-z-]+)?$"));
        Assert.That(scenario.Functions.Select(f => f.Path), Is.Unique);
        Assert.That(scenario.Functions.Select(f => f.Version.Content), Is.All.Contains("exports.handler"));
        Assert.That(scenario.Assets.Select(a => (a.Path, a.ContentType)), Is.EqualTo(new[] { ("/index.html", "text/html"), ("/style.css", "text/css") }));
        Assert.That(Encoding.UTF8.GetString(scenario.Assets[0].Version.Content.Span), Does.StartWith("<!DOCTYPE html>"));
        Assert.That(scenario.Build.Status, Is.EqualTo(BuildStatus.Completed));
        Assert.That(scenario.Build.FunctionVersions.Select(v => v.Sid), Is.EqualTo(scenario.Functions.Select(f => f.Version.Sid)));
        Assert.That(scenario.Build.AssetVersions.Select(v => v.Sid), Is.EqualTo(scenario.Assets.Select(a => a.Version.Sid)));
        Assert.That(scenario.Build.Runtime, Is.EqualTo("node22"));
        Assert.That(scenario.Deployments, Is.Empty);
        Assert.That(scenario.VariablesOf("production").Keys, Is.EquivalentTo(new[] { "GREETING", "SUPPORT_EMAIL", "SUPPORT_PHONE", "APP_ENV" }));
        Assert.That(scenario.VariablesOf("staging")["APP_ENV"], Is.EqualTo("staging"));
        Assert.That(Fake.Snapshot().VariablesOf(scenario.Environment("staging").Sid), Is.EqualTo(scenario.VariablesOf("staging")));
    }

    [Test]
    public void Scenario_EveryValueOverridden_UsesTheGivenValues()
    {
        var scenario = Fake.Seed().Scenario(new ScenarioOptions
        {
            ServiceUniqueName = "acme-alerts",
            ServiceFriendlyName = "ACME Alerts",
            EnvironmentNames = ["dev", "qa", "prod"],
            EnvironmentSuffixes = new Dictionary<string, string?> { ["dev"] = "dev1", ["prod"] = null },
            FunctionPaths = ["/alerts/send"],
            FunctionContents = new Dictionary<string, string> { ["/alerts/send"] = "exports.handler = (c, e, cb) => cb(null, 'sent');" },
            FunctionVisibility = Visibility.Protected,
            AssetPaths = ["/data/config.json", "/robots.txt"],
            AssetContents = new Dictionary<string, string> { ["/robots.txt"] = "User-agent: *\n" },
            AssetVisibility = Visibility.Private,
            Variables = new Dictionary<string, string> { ["API_KEY"] = "k-123" },
            Runtime = "node20",
            DeployTo = ["qa", "prod"],
        });

        Assert.That(scenario.Service.UniqueName, Is.EqualTo("acme-alerts"));
        Assert.That(scenario.Service.FriendlyName, Is.EqualTo("ACME Alerts"));
        Assert.That(scenario.Environments.Select(e => (e.UniqueName, e.DomainSuffix)), Is.EqualTo(new[] { ("dev", "dev1"), ("qa", "qa"), ("prod", (string?)null) }));
        Assert.That(scenario.Functions.Single().Version.Content, Is.EqualTo("exports.handler = (c, e, cb) => cb(null, 'sent');"));
        Assert.That(scenario.Functions.Single().Version.Visibility, Is.EqualTo(Visibility.Protected));
        Assert.That(scenario.Assets.Select(a => (a.Path, a.ContentType, a.Version.Visibility)), Is.EqualTo(new[]
        {
            ("/data/config.json", "application/json", Visibility.Private),
            ("/robots.txt", "text/plain", Visibility.Private),
        }));
        Assert.That(Encoding.UTF8.GetString(scenario.Assets[1].Version.Content.Span), Is.EqualTo("User-agent: *\n"));
        Assert.That(scenario.Variables.Select(v => (v.Key, v.Value)), Is.EqualTo(Enumerable.Repeat(("API_KEY", "k-123"), 3)));
        Assert.That(scenario.Build.Runtime, Is.EqualTo("node20"));
        Assert.That(scenario.Deployments.Select(d => d.EnvironmentSid), Is.EqualTo(new[] { scenario.Environment("qa").Sid, scenario.Environment("prod").Sid }));
        Assert.That(scenario.Environments.Select(e => e.BuildSid), Is.EqualTo(new[] { null, scenario.Build.Sid, scenario.Build.Sid }));
    }

    [Test]
    public void Scenario_EmptyVariables_SetsNone()
    {
        var scenario = Fake.Seed().ServiceReadyToDeploy(o => o.Variables = new Dictionary<string, string>());

        Assert.That(scenario.Variables, Is.Empty);
        Assert.That(Fake.Snapshot().Variables, Is.Empty);
    }

    [Test]
    public void ServiceLiveIn_Staging_BuildIsLiveInStagingOnly()
    {
        var scenario = Fake.Seed().ServiceLiveIn("staging");

        Assert.That(scenario.Environment("staging").BuildSid, Is.EqualTo(scenario.Build.Sid));
        Assert.That(scenario.Environment("production").BuildSid, Is.Null);
        Assert.That(Fake.Snapshot().DeploymentsOf(scenario.Environment("staging").Sid).Select(d => d.Sid), Is.EqualTo(scenario.Deployments.Select(d => d.Sid)));
    }

    [Test]
    public async Task ServiceReadyToDeploy_SeededBuild_DeploysThroughTheTwilioSdkAndServesItsFiles()
    {
        var scenario = Fake.Seed().ServiceReadyToDeploy();
        var production = scenario.Environment("production");

        var deployment = await DeploymentResource.CreateAsync(scenario.Service.Sid, production.Sid, buildSid: scenario.Build.Sid, client: Twilio);

        Assert.That(deployment.BuildSid, Is.EqualTo(scenario.Build.Sid));
        var fetched = await EnvironmentResource.FetchAsync(scenario.Service.Sid, production.Sid, client: Twilio);
        Assert.That(fetched.BuildSid, Is.EqualTo(scenario.Build.Sid));
        var page = await Http.GetAsync($"https://{production.DomainName}/index.html");
        Assert.That((int)page.StatusCode, Is.EqualTo(200));
        Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await page.Content.ReadAsStringAsync(), Is.EqualTo(Encoding.UTF8.GetString(scenario.Assets[0].Version.Content.Span)));
        var function = await Http.GetAsync($"https://{production.DomainName}{scenario.Functions[0].Path}");
        Assert.That((int)function.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task ServiceReadyToDeploy_ManualBuildCompletion_SeededBuildIsCompletedAndDeploys()
    {
        using var fake = FakeServerlessServer.Start(new FakeServerlessOptions { Transport = Transport, BuildCompletion = BuildCompletion.Manual });
        var twilio = new TwilioRestClient(fake.AccountSid, fake.AuthToken, httpClient: new SystemNetHttpClient(fake.CreateHttpClient()));
        var scenario = fake.Seed().ServiceReadyToDeploy();

        var status = await BuildStatusResource.FetchAsync(scenario.Service.Sid, scenario.Build.Sid, client: twilio);
        var deployment = await DeploymentResource.CreateAsync(scenario.Service.Sid, scenario.Environment("staging").Sid, buildSid: scenario.Build.Sid, client: twilio);

        Assert.That(status.Status, Is.EqualTo(BuildStatusResource.StatusEnum.Completed));
        Assert.That(deployment.BuildSid, Is.EqualTo(scenario.Build.Sid));
    }

    [Test]
    public void Scenario_CompleteBuildFalseWithManualCompletion_LeavesTheBuildBuilding()
    {
        using var fake = FakeServerlessServer.Start(new FakeServerlessOptions { Transport = Transport, BuildCompletion = BuildCompletion.Manual });

        var scenario = fake.Seed().ServiceReadyToDeploy(o => o.CompleteBuild = false);

        Assert.That(scenario.Build.Status, Is.EqualTo(BuildStatus.Building));
        Assert.That(fake.Account().CompleteBuild(scenario.Service.Sid, scenario.Build.Sid), Is.True);
    }

    [Test]
    public async Task ServiceReadyToDeploy_ManySeeds_UniqueNamesFollowTwilioRulesAndResolveThroughTheSdk()
    {
        for (var seed = 0; seed < 40; seed++)
        {
            var scenario = Fake.Seed().ServiceReadyToDeploy(o => o.Seed = seed);
            var name = scenario.Service.UniqueName;

            Assert.That(name, Does.Match(UrlFriendly).And.Length.InRange(1, 50), $"seed {seed}");
            Assert.That(scenario.Service.FriendlyName, Is.Not.Empty.And.Length.LessThanOrEqualTo(255));
            Assert.That(scenario.Environments.Select(e => e.DomainName), Is.All.Match(@"^[a-z0-9-]+\.twil\.io$"));
        }

        var last = Fake.Snapshot().Services[^1];
        var fetched = await ServiceResource.FetchAsync(last.UniqueName, client: Twilio);
        Assert.That(fetched.Sid, Is.EqualTo(last.Sid));
    }

    [Test]
    public void Scenario_DeployToUnknownEnvironment_ThrowsBeforeCreatingAnything()
    {
        var act = () => Fake.Seed().ServiceReadyToDeploy(o => o.DeployTo = ["prod"]);

        Assert.That(act, Throws.ArgumentException.With.Message.Contains("'prod'"));
        Assert.That(Fake.Snapshot().Services, Is.Empty);
    }

    [Test]
    public void Scenario_NoFunctionsNorAssets_ThrowsArgumentException()
    {
        var act = () => Fake.Seed().ServiceReadyToDeploy(o =>
        {
            o.FunctionPaths = [];
            o.AssetPaths = [];
        });

        Assert.That(act, Throws.ArgumentException.With.Message.Contains("at least one"));
    }

    [Test]
    public void Environment_UnknownName_ThrowsNamingTheKnownOnes()
    {
        var scenario = Fake.Seed().ServiceReadyToDeploy();

        Assert.That(() => scenario.Environment("dev"), Throws.TypeOf<KeyNotFoundException>().With.Message.Contains("'staging', 'production'"));
    }

    /// <summary>Everything but dates, as plain values (asset bytes as text).</summary>
    private static string Describe(SeededScenario s) => string.Join('\n', new[]
    {
        $"{s.Seed} {s.Service.Sid} {s.Service.UniqueName} {s.Service.FriendlyName} {s.Service.DomainBase}",
        string.Join(';', s.Environments.Select(e => $"{e.Sid} {e.UniqueName} {e.DomainName} {e.BuildSid}")),
        string.Join(';', s.Functions.Select(f => $"{f.Function.Sid} {f.Function.FriendlyName} {f.Version.Sid} {f.Path} {f.Version.Content}")),
        string.Join(';', s.Assets.Select(a => $"{a.Asset.Sid} {a.Version.Sid} {a.Path} {a.ContentType} {Encoding.UTF8.GetString(a.Version.Content.Span)}")),
        string.Join(';', s.Variables.Select(v => $"{v.Sid} {v.EnvironmentSid} {v.Key}={v.Value}")),
        $"{s.Build.Sid} {s.Build.Status} {s.Build.Runtime}",
    });
}
