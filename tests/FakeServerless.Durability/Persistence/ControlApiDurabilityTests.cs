using System.Text;
using FakeServerless.Control;
using FakeServerless.Durability.Support;
using FakeServerless.Routing;

namespace FakeServerless.Durability.Persistence;

/// <summary>
/// Derived from the control API's routes: every endpoint marked as changing state is logged and replayed to the same state; the
/// ones that change only the session (journal, faults, canned functions) and the reads log nothing and leave the state as it was.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class ControlApiDurabilityTests
{
    private static readonly DateTimeOffset Start = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlyList<Route> Routes = ControlApi.CreateRoutes().Routes;

    /// <summary>One request per control operation that succeeds on a fresh world (a manual build still building, a fault rule).</summary>
    private static readonly Dictionary<string, Func<ControlWorld, (HttpMethod Method, string Path, string? Json)>> Samples = new()
    {
        ["GetHealth"] = _ => (HttpMethod.Get, "/_fake/health", null),
        ["Reset"] = _ => (HttpMethod.Post, "/_fake/reset", null),
        ["GetOpenApi"] = _ => (HttpMethod.Get, "/_fake/openapi.json", null),
        ["GetState"] = _ => (HttpMethod.Get, "/_fake/state", null),
        ["PutState"] = w => (HttpMethod.Put, "/_fake/state", w.OtherState),
        ["ListJournal"] = _ => (HttpMethod.Get, "/_fake/journal", null),
        ["ClearJournal"] = _ => (HttpMethod.Delete, "/_fake/journal", null),
        ["CreateFault"] = _ => (HttpMethod.Post, "/_fake/faults", """{"operation":"CreateService","status":500}"""),
        ["ListFaults"] = _ => (HttpMethod.Get, "/_fake/faults", null),
        ["ClearFaults"] = _ => (HttpMethod.Delete, "/_fake/faults", null),
        ["DeleteFault"] = w => (HttpMethod.Delete, $"/_fake/faults/{w.Fault}", null),
        ["SetRateLimit"] = _ => (HttpMethod.Put, "/_fake/rate-limit", """{"requests_per_second":5}"""),
        ["CompleteBuild"] = w => (HttpMethod.Post, $"/_fake/builds/{w.Api.Build}/complete", null),
        ["FailBuild"] = w => (HttpMethod.Post, $"/_fake/builds/{w.Api.Build}/fail", null),
        ["GetClock"] = _ => (HttpMethod.Get, "/_fake/clock", null),
        ["MoveClock"] = _ => (HttpMethod.Post, "/_fake/clock", """{"advance_seconds":3600}"""),
        ["AppendLog"] = w => (HttpMethod.Post, "/_fake/logs", $$"""{"environment_sid":"{{w.Api.Environment}}","message":"from a tool","level":"warn"}"""),
        ["CreateCannedFunction"] = _ => (HttpMethod.Post, "/_fake/functions", """{"path":"/canned","status":200,"body":"hi"}"""),
        ["ClearFunctions"] = _ => (HttpMethod.Delete, "/_fake/functions", null),
        ["CreateScenario"] = _ => (HttpMethod.Post, "/_fake/scenarios", """{"kind":"service-live-in","environment":"staging"}"""),
        ["CreateApiKey"] = _ => (HttpMethod.Post, "/_fake/keys", "{}"),
        ["ListApiKeys"] = _ => (HttpMethod.Get, "/_fake/keys", null),
        ["GetDashboard"] = _ => (HttpMethod.Get, "/_fake/", null),
        ["GetResource"] = w => (HttpMethod.Get, $"/_fake/resources/{w.Api.Service}", null),
        ["GetSettings"] = _ => (HttpMethod.Get, "/_fake/settings", null),
        ["GetSnapshot"] = w => (HttpMethod.Get, $"/_fake/accounts/{w.AccountSid}/snapshot", null),
        ["CreateRecord"] = w => (HttpMethod.Post, $"/_fake/accounts/{w.AccountSid}/services", """{"unique_name":"from-control"}"""),
        ["UpdateFault"] = w => (HttpMethod.Patch, $"/_fake/faults/{w.Fault}", """{"status":503,"times":2}"""),
        ["FailNextBuilds"] = _ => (HttpMethod.Post, "/_fake/builds/fail-next", """{"count":2}"""),
    };

    /// <summary>
    /// <c>POST /_fake/accounts/{AC}/{collection}</c>, one per collection: each is the account's C# method, so each is logged as
    /// that method's command.
    /// </summary>
    private static readonly Dictionary<string, Func<ControlWorld, string>> CreateRecordBodies = new()
    {
        ["services"] = _ => """{"unique_name":"from-control","friendly_name":"From control"}""",
        ["environments"] = w => $$"""{"service":"{{w.Api.Service}}","unique_name":"production","domain_suffix":"prod"}""",
        ["variables"] = w => $$"""{"service":"{{w.Api.Service}}","environment_sid":"{{w.Api.Environment}}","key":"KEY","value":"changed"}""",
        ["functions"] = w => $$"""{"service":"{{w.Api.Service}}","friendly_name":"second"}""",
        ["function-versions"] = w => $$"""{"service":"{{w.Api.Service}}","function_sid":"{{w.Api.Function}}","path":"/second","content":"exports.handler = () => {};","visibility":"protected"}""",
        ["assets"] = w => $$"""{"service":"{{w.Api.Service}}","friendly_name":"second"}""",
        ["asset-versions"] = w => $$"""{"service":"{{w.Api.Service}}","asset_sid":"{{w.Api.Asset}}","path":"/logo.png","content":"AAEC/w==","content_type":"image/png"}""",
        ["builds"] = w => $$"""{"service":"{{w.Api.Service}}","function_version_sids":["{{w.Api.FunctionVersion}}"],"dependencies":[{"name":"twilio","version":"^5"}]}""",
        ["deployments"] = w => $$"""{"service":"{{w.Api.Service}}","environment_sid":"{{w.Api.Environment}}","build_sid":"{{w.Api.SpareBuild}}"}""",
        ["logs"] = w => $$"""{"service":"{{w.Api.Service}}","environment_sid":"{{w.Api.Environment}}","message":"from a tool","level":"warn"}""",
    };

    private static IEnumerable<string> Writes => Operations(RouteEffect.Write);

    private static IEnumerable<string> Collections => CreateRecordBodies.Keys;

    private static IEnumerable<string> ReadsAndSessionChanges => Operations(RouteEffect.Read).Concat(Operations(RouteEffect.Session));

    [Test]
    public void Samples_EveryControlRoute_HasOne()
    {
        Assert.That(Samples.Keys, Is.EquivalentTo(Routes.Select(r => r.Operation)), "every control operation needs a sample request here");
    }

    [TestCaseSource(nameof(Writes))]
    public async Task Write_ControlOperation_IsLoggedThenReplayedToTheSameState(string operation)
    {
        using var run = await Run.SampleAsync(operation);

        AssertLoggedAndReplayed(run, operation);
    }

    [TestCaseSource(nameof(Collections))]
    public async Task CreateRecord_Collection_IsLoggedThenReplayedToTheSameState(string collection)
    {
        using var run = await Run.SampleAsync(w => (HttpMethod.Post, $"/_fake/accounts/{w.AccountSid}/{collection}", CreateRecordBodies[collection](w)));

        AssertLoggedAndReplayed(run, $"CreateRecord in {collection}");
    }

    [TestCaseSource(nameof(ReadsAndSessionChanges))]
    public async Task ReadOrSessionChange_ControlOperation_LogsNothingAndLeavesTheState(string operation)
    {
        using var run = await Run.SampleAsync(operation);

        Assert.That(run.Dir.Durable(), Is.EqualTo(run.DurableBefore), $"{operation} wrote to the data directory");
        Assert.That(run.Fake.ExportState().ToJson(), Is.EqualTo(run.StateBefore), $"{operation} changed the state");
    }

    private static void AssertLoggedAndReplayed(Run run, string what)
    {
        Assert.That(run.Dir.Durable(), Is.Not.EqualTo(run.DurableBefore), $"{what} wrote its change (a log row, or the imported state as the snapshot)");
        Assert.That(run.Fake.ExportState().ToJson(), Is.Not.EqualTo(run.StateBefore), $"{what} changed the state (the sample must make a change)");
        var expected = run.Fake.ExportState().ToJson();
        using var image = run.Dir.CrashImage();
        using var restarted = StartFake(image.Path);
        Assert.That(restarted.ExportState().ToJson(), Is.EqualTo(expected));
    }

    private static FakeServerlessServer StartFake(string dataDirectory, VirtualClock? clock = null) =>
        FakeServerlessServer.StartInMemory(new FakeServerlessOptions
        {
            EnableControlApi = true,
            TimeProvider = clock ?? new VirtualClock(Start),
            BuildCompletion = BuildCompletion.Manual,
        }.UseDurableState(dataDirectory));

    private static IEnumerable<string> Operations(RouteEffect effect) => Routes.Where(r => r.Effect == effect).Select(r => r.Operation);

    private static async Task SendAsync(FakeServerlessServer fake, (HttpMethod Method, string Path, string? Json) sample)
    {
        using var http = fake.CreateHttpClient();
        using var request = new HttpRequestMessage(sample.Method, new Uri(fake.Url, sample.Path))
        {
            Content = sample.Json is null ? null : new StringContent(sample.Json, Encoding.UTF8, "application/json"),
        };
        using var response = await http.SendAsync(request);
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{sample.Method} {sample.Path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A durable fake on a seeded world that has just answered one sample request, and what it held before.</summary>
    private sealed record Run(DataDir Dir, FakeServerlessServer Fake, string DurableBefore, string StateBefore) : IDisposable
    {
        public static Task<Run> SampleAsync(string operation) => SampleAsync(Samples[operation]);

        public static async Task<Run> SampleAsync(Func<ControlWorld, (HttpMethod Method, string Path, string? Json)> sample)
        {
            var dir = new DataDir();
            var fake = StartFake(dir.Path);
            var world = ControlWorld.Seed(fake);
            var run = new Run(dir, fake, dir.Durable(), fake.ExportState().ToJson());
            await SendAsync(fake, sample(world));
            return run;
        }

        public void Dispose()
        {
            Fake.Dispose();
            Dir.Dispose();
        }
    }

    /// <summary>An <see cref="ApiWorld"/> plus a build still building (manual completion), a fault rule and another fake's state.</summary>
    private sealed record ControlWorld(ApiWorld Api, string AccountSid, string Fault, string OtherState)
    {
        public static ControlWorld Seed(FakeServerlessServer fake)
        {
            var api = ApiWorld.Seed(fake);
            var building = fake.Account().CreateBuild(api.Service, [api.FunctionVersion]).Sid;
            var fault = fake.Faults.When("CreateBuild").InternalServerError().Id;
            using var other = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { Seed = 7, TimeProvider = new VirtualClock(Start) });
            other.Seed().ServiceReadyToDeploy();
            return new ControlWorld(api with { Build = building }, fake.AccountSid, fault, other.ExportState().ToJson());
        }
    }
}
