using FakeServerless.Durability.Support;
using FakeServerless.Engine;
using FakeServerless.Routing;

namespace FakeServerless.Durability.Persistence;

/// <summary>
/// Derived from the route table: every operation marked as a write (or a poll that moves a build on) is logged and replayed to the
/// same state; every read logs nothing and changes nothing. A route added to the table without a sample here fails
/// <see cref="Samples_EveryRoute_HasOne"/>, so a new write cannot be forgotten by durable mode.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class RouteTableDurabilityTests
{
    private static readonly IReadOnlyList<Route> Routes = ServerlessEngine.CreateRoutes().Routes;
    private static readonly string Account = new FakeServerlessOptions().AccountSid;

    /// <summary>One request per operation that succeeds on a fresh <see cref="ApiWorld"/>: (method, path under /v1/, body).</summary>
    private static readonly Dictionary<string, Func<ApiWorld, (HttpMethod Method, string Path, HttpContent? Body)>> Samples = new()
    {
        ["ListService"] = w => (HttpMethod.Get, "Services", null),
        ["CreateService"] = w => (HttpMethod.Post, "Services", ApiWorld.Form(("UniqueName", "new"), ("FriendlyName", "New"))),
        ["FetchService"] = w => (HttpMethod.Get, $"Services/{w.Service}", null),
        ["UpdateService"] = w => (HttpMethod.Post, $"Services/{w.Service}", ApiWorld.Form(("FriendlyName", "Renamed"))),
        ["DeleteService"] = w => (HttpMethod.Delete, $"Services/{w.Service}", null),
        ["ListEnvironment"] = w => (HttpMethod.Get, $"Services/{w.Service}/Environments", null),
        ["CreateEnvironment"] = w => (HttpMethod.Post, $"Services/{w.Service}/Environments", ApiWorld.Form(("UniqueName", "production"), ("DomainSuffix", "prod"))),
        ["FetchEnvironment"] = w => (HttpMethod.Get, $"Services/{w.Service}/Environments/{w.Environment}", null),
        ["DeleteEnvironment"] = w => (HttpMethod.Delete, $"Services/{w.Service}/Environments/{w.Environment}", null),
        ["ListVariable"] = w => (HttpMethod.Get, $"Services/{w.Service}/Environments/{w.Environment}/Variables", null),
        ["CreateVariable"] = w => (HttpMethod.Post, $"Services/{w.Service}/Environments/{w.Environment}/Variables", ApiWorld.Form(("Key", "NEW"), ("Value", "1"))),
        ["FetchVariable"] = w => (HttpMethod.Get, $"Services/{w.Service}/Environments/{w.Environment}/Variables/{w.Variable}", null),
        ["UpdateVariable"] = w => (HttpMethod.Post, $"Services/{w.Service}/Environments/{w.Environment}/Variables/{w.Variable}", ApiWorld.Form(("Value", "2"))),
        ["DeleteVariable"] = w => (HttpMethod.Delete, $"Services/{w.Service}/Environments/{w.Environment}/Variables/{w.Variable}", null),
        ["ListDeployment"] = w => (HttpMethod.Get, $"Services/{w.Service}/Environments/{w.Environment}/Deployments", null),
        ["CreateDeployment"] = w => (HttpMethod.Post, $"Services/{w.Service}/Environments/{w.Environment}/Deployments", ApiWorld.Form(("BuildSid", w.SpareBuild))),
        ["FetchDeployment"] = w => (HttpMethod.Get, $"Services/{w.Service}/Environments/{w.Environment}/Deployments/{w.Deployment}", null),
        ["ListLog"] = w => (HttpMethod.Get, $"Services/{w.Service}/Environments/{w.Environment}/Logs", null),
        ["FetchLog"] = w => (HttpMethod.Get, $"Services/{w.Service}/Environments/{w.Environment}/Logs/{w.Log}", null),
        ["ListFunction"] = w => (HttpMethod.Get, $"Services/{w.Service}/Functions", null),
        ["CreateFunction"] = w => (HttpMethod.Post, $"Services/{w.Service}/Functions", ApiWorld.Form(("FriendlyName", "second"))),
        ["FetchFunction"] = w => (HttpMethod.Get, $"Services/{w.Service}/Functions/{w.Function}", null),
        ["UpdateFunction"] = w => (HttpMethod.Post, $"Services/{w.Service}/Functions/{w.Function}", ApiWorld.Form(("FriendlyName", "renamed"))),
        ["DeleteFunction"] = w => (HttpMethod.Delete, $"Services/{w.Service}/Functions/{w.SpareFunction}", null),
        ["ListFunctionVersion"] = w => (HttpMethod.Get, $"Services/{w.Service}/Functions/{w.Function}/Versions", null),
        ["CreateFunctionVersion"] = w => (HttpMethod.Post, $"Services/{w.Service}/Functions/{w.Function}/Versions", ApiWorld.Upload("/hello", "exports.handler = () => {};", "application/javascript")),
        ["FetchFunctionVersion"] = w => (HttpMethod.Get, $"Services/{w.Service}/Functions/{w.Function}/Versions/{w.FunctionVersion}", null),
        ["FetchFunctionVersionContent"] = w => (HttpMethod.Get, $"Services/{w.Service}/Functions/{w.Function}/Versions/{w.FunctionVersion}/Content", null),
        ["ListAsset"] = w => (HttpMethod.Get, $"Services/{w.Service}/Assets", null),
        ["CreateAsset"] = w => (HttpMethod.Post, $"Services/{w.Service}/Assets", ApiWorld.Form(("FriendlyName", "second"))),
        ["FetchAsset"] = w => (HttpMethod.Get, $"Services/{w.Service}/Assets/{w.Asset}", null),
        ["UpdateAsset"] = w => (HttpMethod.Post, $"Services/{w.Service}/Assets/{w.Asset}", ApiWorld.Form(("FriendlyName", "renamed"))),
        ["DeleteAsset"] = w => (HttpMethod.Delete, $"Services/{w.Service}/Assets/{w.SpareAsset}", null),
        ["ListAssetVersion"] = w => (HttpMethod.Get, $"Services/{w.Service}/Assets/{w.Asset}/Versions", null),
        ["CreateAssetVersion"] = w => (HttpMethod.Post, $"Services/{w.Service}/Assets/{w.Asset}/Versions", ApiWorld.Upload("/index.html", "<h1>New</h1>", "text/html")),
        ["FetchAssetVersion"] = w => (HttpMethod.Get, $"Services/{w.Service}/Assets/{w.Asset}/Versions/{w.AssetVersion}", null),
        ["ListBuild"] = w => (HttpMethod.Get, $"Services/{w.Service}/Builds", null),
        ["CreateBuild"] = w => (HttpMethod.Post, $"Services/{w.Service}/Builds", ApiWorld.Form(("FunctionVersions", w.FunctionVersion), ("AssetVersions", w.AssetVersion))),
        ["FetchBuild"] = w => (HttpMethod.Get, $"Services/{w.Service}/Builds/{w.Build}", null),
        ["DeleteBuild"] = w => (HttpMethod.Delete, $"Services/{w.Service}/Builds/{w.SpareBuild}", null),
        ["FetchBuildStatus"] = w => (HttpMethod.Get, $"Services/{w.Service}/Builds/{w.Build}/Status", null),
        ["FetchAccount"] = _ => (HttpMethod.Get, $"https://api.twilio.com/2010-04-01/Accounts/{Account}.json", null),
        ["CreateNewKey"] = _ => (HttpMethod.Post, $"https://api.twilio.com/2010-04-01/Accounts/{Account}/Keys.json", ApiWorld.Form(("FriendlyName", "twilio-cli"))),
    };

    private static IEnumerable<string> Writes => Operations(RouteEffect.Write).Concat(Operations(RouteEffect.Command));

    private static IEnumerable<string> ReadsAndPolls => Operations(RouteEffect.Read).Concat(Operations(RouteEffect.Poll));

    private static IEnumerable<string> Polls => Operations(RouteEffect.Poll);

    [Test]
    public void Samples_EveryRoute_HasOne()
    {
        Assert.That(Samples.Keys, Is.EquivalentTo(Routes.Select(r => r.Operation)), "every operation of the route table needs a sample request here");
        Assert.That(Writes, Is.Not.Empty);
    }

    [TestCaseSource(nameof(Writes))]
    public async Task Write_Operation_IsLoggedThenReplayedToTheSameState(string operation)
    {
        using var dir = new DataDir();
        using var fake = Start(dir.Path);
        var world = ApiWorld.Seed(fake);
        var rows = dir.LastSequence();

        await SendAsync(fake, Samples[operation](world), expectSuccess: true);

        Assert.That(dir.LastSequence(), Is.EqualTo(rows + 1), $"{operation} is one logged write");
        AssertReplaysToTheSameState(dir, fake);
    }

    [TestCaseSource(nameof(ReadsAndPolls))]
    public async Task Read_Operation_LogsNothingAndChangesNothing(string operation)
    {
        using var dir = new DataDir();
        using var fake = Start(dir.Path);
        var world = ApiWorld.Seed(fake); // every build finished: a poll moves nothing
        var state = fake.ExportState().ToJson();
        var rows = dir.LastSequence();

        await SendAsync(fake, Samples[operation](world), expectSuccess: true);

        Assert.That(dir.LastSequence(), Is.EqualTo(rows), $"{operation} logged a write");
        Assert.That(fake.ExportState().ToJson(), Is.EqualTo(state), $"{operation} changed the state");
    }

    [TestCaseSource(nameof(Polls))]
    public async Task Poll_BuildStillBuilding_IsLoggedAsAWriteThenReplayedToTheSameState(string operation)
    {
        using var dir = new DataDir();
        using var fake = Start(dir.Path);
        var world = ApiWorld.Seed(fake);
        var building = fake.Account().CreateBuild(world.Service, [world.FunctionVersion]).Sid; // immediate: finishes on its first look
        var rows = dir.LastSequence();

        await SendAsync(fake, Samples[operation](world with { Build = building }), expectSuccess: true);

        Assert.That(fake.ExportState().Accounts[0].Services.Items[0].Builds.Items.Single(b => b.Build.Sid == building).Build.Status, Is.EqualTo(BuildStatus.Completed));
        Assert.That(dir.LastSequence(), Is.EqualTo(rows + 1), $"{operation} moved a build on: one logged write");
        AssertReplaysToTheSameState(dir, fake);
    }

    [Test]
    public async Task Write_RefusedRequest_IsLoggedAndReplaysToTheSameState()
    {
        using var dir = new DataDir();
        using var fake = Start(dir.Path);
        var world = ApiWorld.Seed(fake);

        using var refused = await ApiWorld.Client(fake).PostAsync($"Services/{world.Service}/Environments", ApiWorld.Form(("UniqueName", "staging")));

        Assert.That((int)refused.StatusCode, Is.EqualTo(409));
        AssertReplaysToTheSameState(dir, fake);
    }

    internal static FakeServerlessServer Start(string dataDirectory, Action<FakeServerlessOptions>? configure = null)
    {
        var options = new FakeServerlessOptions();
        configure?.Invoke(options);
        return FakeServerlessServer.StartInMemory(options.UseDurableState(dataDirectory));
    }

    /// <summary>A fake started on a crash image of <paramref name="dir"/> exports exactly what <paramref name="fake"/> does.</summary>
    internal static void AssertReplaysToTheSameState(DataDir dir, FakeServerlessServer fake, Action<FakeServerlessOptions>? configure = null)
    {
        var expected = fake.ExportState().ToJson();
        using var image = dir.CrashImage();
        using var restarted = Start(image.Path, configure);

        Assert.That(restarted.Persistence.RecoveryNotes, Has.Some.Contains("Recovered"), "the writes were replayed from the log");
        Assert.That(restarted.ExportState().ToJson(), Is.EqualTo(expected));
    }

    private static IEnumerable<string> Operations(RouteEffect effect) => Routes.Where(r => r.Effect == effect).Select(r => r.Operation);

    private static async Task SendAsync(FakeServerlessServer fake, (HttpMethod Method, string Path, HttpContent? Body) sample, bool expectSuccess)
    {
        using var http = ApiWorld.Client(fake);
        using var request = new HttpRequestMessage(sample.Method, sample.Path) { Content = sample.Body };
        using var response = await http.SendAsync(request);
        if (expectSuccess)
        {
            Assert.That(response.IsSuccessStatusCode, Is.True, $"{sample.Method} {sample.Path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
