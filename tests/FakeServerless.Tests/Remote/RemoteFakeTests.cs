using System.Text;
using Twilio.Exceptions;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Tests.Remote;

/// <summary><see cref="FakeServerlessServer.Connect"/>: the in-process API, with the same types and meaning, over the control API.</summary>
public sealed class RemoteFakeTests : RemoteTestBase
{
    [Test]
    public void Connect_RelativeAddress_ThrowsNamingAnExample()
    {
        var ex = Assert.Throws<ArgumentException>(() => FakeServerlessServer.Connect(new Uri("/x", UriKind.Relative)));

        Assert.That(ex!.Message, Does.Contain("http://127.0.0.1:4010"));
    }

    [Test]
    public void Connect_NotAnAccountSid_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => FakeServerlessServer.Connect(new Uri("http://127.0.0.1:1"), accountSid: "nope"));

        Assert.That(ex!.ParamName, Is.EqualTo("accountSid"));
    }

    [Test]
    public void ConnectAsync_NothingListening_ThrowsHttpRequestExceptionNamingTheAddress()
    {
        var ex = Assert.ThrowsAsync<HttpRequestException>(() => FakeServerlessServer.ConnectAsync(new Uri("http://127.0.0.1:1")));

        Assert.That(ex!.Message, Does.Contain("http://127.0.0.1:1/").And.Contain("/_fake/settings"));
    }

    [Test]
    public async Task Connect_Settings_CredentialsAndSeedOfTheFake()
    {
        await using var remote = await FakeServerlessServer.ConnectAsync(Local.Url);

        Assert.That(remote.IsRemote, Is.True);
        Assert.That(Local.IsRemote, Is.False);
        Assert.That((remote.AccountSid, remote.AuthToken, remote.Options.Seed), Is.EqualTo((Local.AccountSid, Local.AuthToken, 7)));
        Assert.That(remote.Url, Is.EqualTo(Local.Url));
        Assert.That(remote.Persistence.Mode, Is.EqualTo("memory"));
    }

    [Test]
    public void Snapshot_SeededInProcess_TheSameRecords()
    {
        Local.Seed().ServiceLiveIn("staging");

        Assert.That(Json(Remote.Snapshot()), Is.EqualTo(Json(Local.Snapshot())));
    }

    [Test]
    public async Task SnapshotAsync_SeededInProcess_TheSameRecords()
    {
        Local.Seed().ServiceLiveIn("staging");

        Assert.That(Json(await Remote.SnapshotAsync()), Is.EqualTo(Json(Local.Snapshot())));
    }

    [Test]
    public void Seed_Remote_TheScenarioAFakeInProcessWithTheSameSeedSeeds()
    {
        using var twin = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { Seed = 7 });

        var seeded = Remote.Seed().ServiceLiveIn("production", o => o.AssetPaths = ["/logo.png", "/style.css"]);
        twin.Seed().ServiceLiveIn("production", o => o.AssetPaths = ["/logo.png", "/style.css"]);

        Assert.That(Json(Local.Snapshot()), Is.EqualTo(Json(twin.Snapshot())));
        Assert.That(seeded.Environment("production").BuildSid, Is.EqualTo(seeded.Build.Sid));
        Assert.That(Local.Journal.Entries, Is.Empty, "seeding from C# is not journaled, in process or remote");
    }

    [Test]
    public void Account_BrokenRule_ThrowsTheInProcessMessage()
    {
        Remote.Account().CreateService("shop");
        var inProcess = Assert.Throws<InvalidOperationException>(() => Local.Account().CreateService("shop"));

        var remote = Assert.Throws<FakeServerlessControlException>(() => Remote.Account().CreateService("shop"));

        Assert.That(remote!.Message, Is.EqualTo(inProcess!.Message));
        Assert.That(remote.Status, Is.EqualTo(409));
        Assert.That(remote.Message, Does.Contain($"Twilio error {remote.Code}, HTTP 409"));
    }

    [Test]
    public void Account_UnknownService_ThrowsNotFoundInTheAccount()
    {
        var ex = Assert.Throws<FakeServerlessControlException>(() => Remote.Account().CreateEnvironment("ZS00000000000000000000000000000000", "staging"));

        Assert.That(ex!.Status, Is.EqualTo(404));
        Assert.That(ex.Message, Does.StartWith($"Not found in account {Local.AccountSid}"));
    }

    [Test]
    public void Account_EveryCall_LandsInTheFake()
    {
        var account = Remote.Account("AC0000000000000000000000000000000a");
        var service = account.CreateService("shop", "Shop", includeCredentials: false, uiEditable: true);
        var environment = account.CreateEnvironment(service.Sid, "staging", "stage");
        var variable = account.SetVariable(service.Sid, environment.Sid, "GREETING", "hi");
        var function = account.CreateFunction(service.Sid, "hello");
        var version = account.CreateFunctionVersion(service.Sid, function.Sid, "/hello", "exports.handler = () => {};", Visibility.Protected);
        var asset = account.CreateAsset(service.Sid, "logo");
        var assetVersion = account.CreateAssetVersion(service.Sid, asset.Sid, "/logo.png", new byte[] { 1, 2, 255 }, "image/png");
        var build = account.CreateBuild(service.Sid, [version.Sid], [assetVersion.Sid], [new BuildDependency("lodash", "^4")], "node20");
        var deployment = account.Deploy(service.Sid, environment.Sid, build.Sid);
        var log = account.AppendLog(service.Sid, environment.Sid, "hello", "warn", function.Sid);

        var snapshot = Local.Snapshot(account.AccountSid);
        Assert.That(snapshot.Service("shop")!.UiEditable, Is.True);
        Assert.That(snapshot.Environment("staging")!.BuildSid, Is.EqualTo(build.Sid));
        Assert.That(snapshot.VariablesOf(environment.Sid), Is.EqualTo(new Dictionary<string, string> { ["GREETING"] = "hi" }));
        Assert.That(variable.Key, Is.EqualTo("GREETING"));
        Assert.That(version.Visibility, Is.EqualTo(Visibility.Protected));
        Assert.That(version.Content, Is.EqualTo("exports.handler = () => {};"));
        Assert.That(assetVersion.Content.ToArray(), Is.EqualTo(new byte[] { 1, 2, 255 }));
        Assert.That(build.Dependencies, Is.EqualTo(new[] { new BuildDependency("lodash", "^4") }));
        Assert.That(build.Runtime, Is.EqualTo("node20"));
        Assert.That(deployment.Sid, Is.EqualTo(snapshot.Deployments.Single().Sid));
        Assert.That((log.Level, log.Message, log.FunctionSid), Is.EqualTo(("warn", "hello", function.Sid)));
        Assert.That(Json(account.Snapshot()), Is.EqualTo(Json(snapshot)));
    }

    [Test]
    public async Task Journal_SdkRequests_TypedEntriesAndFilters()
    {
        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio(Remote));
        Assert.ThrowsAsync<ApiException>(() => ServiceResource.FetchAsync("ZS00000000000000000000000000000000", client: Twilio(Remote)));

        var entries = Remote.Journal.Entries;
        Assert.That(entries.Select(e => e.ToString()), Is.EqualTo(Local.Journal.Entries.Select(e => e.ToString())));
        Assert.That(Remote.Journal.OfOperation("CreateService").Single().Parameter("UniqueName"), Is.EqualTo("shop"));
        Assert.That(Remote.Journal.Failed.Single().ErrorCode, Is.EqualTo(20404));
        Assert.That(Remote.Journal.OfAccount(Local.AccountSid), Has.Count.EqualTo(2));
        Assert.That((await Remote.Journal.GetEntriesAsync()).Select(e => e.Path), Is.EqualTo(new[] { "/v1/Services", "/v1/Services/ZS00000000000000000000000000000000" }));
        Assert.That(entries[0].Timestamp, Is.EqualTo(Local.Journal.Entries[0].Timestamp).Within(TimeSpan.FromMilliseconds(1)));
        Assert.That(service.Sid, Does.StartWith("ZS"));
        Assert.Throws<ArgumentException>(() => Remote.Journal.OfOperation("CreateServce"));

        Remote.Journal.Clear();
        Assert.That(Local.Journal.Entries, Is.Empty);
    }

    [Test]
    public async Task Faults_FluentRuleOnce_SdkSees429ThenTheRealAnswer()
    {
        var rule = Remote.Faults.When("CreateService").TooManyRequests(TimeSpan.FromSeconds(2)).Once();

        var first = Assert.ThrowsAsync<ApiException>(() => ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio(Remote)));
        await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio(Remote));

        Assert.That((first!.Status, first.Code), Is.EqualTo((429, 20429)));
        Assert.That(Remote.Journal.OfOperation("CreateService").Select(e => e.Fault), Is.EqualTo(new[] { "CreateService: 429/20429", null }));
        Assert.That(rule.Id, Is.EqualTo(Local.Faults.Rules.Single().Id));
        Assert.That(rule.Remaining, Is.Zero);
        Assert.That(Remote.Faults.Rules.Single().RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public void Faults_EveryChange_ReachesTheFake()
    {
        var rule = Remote.Faults.When(accountSid: "AC0000000000000000000000000000000a").RespondWith(503, 20503, "down").WithLatency(TimeSpan.FromMilliseconds(5)).Times(3);
        var drop = Remote.Faults.When("CreateBuild").DropConnection();

        var held = Local.Faults.Rules;
        Assert.That(held.Select(r => r.ToString()), Is.EqualTo(new[] { "any operation: 503/20503 after 5 ms", "CreateBuild: drop connection" }));
        Assert.That((held[0].AccountSid, held[0].Message, held[0].Remaining), Is.EqualTo(("AC0000000000000000000000000000000a", "down", 3)));
        Assert.That(Remote.Faults.Rules.Select(r => r.ToString()), Is.EqualTo(held.Select(r => r.ToString())));
        Assert.That(rule.Status, Is.EqualTo(503));

        Assert.That(Remote.Faults.Remove(drop.Id), Is.True);
        Assert.That(Remote.Faults.Remove(drop.Id), Is.False);
        Remote.Faults.RateLimit(5);
        Assert.That((Remote.Faults.RateLimitPerSecond, Local.Faults.RateLimitPerSecond), Is.EqualTo((5, 5)));
        Remote.Faults.LiftRateLimit();
        Assert.That(Local.Faults.RateLimitPerSecond, Is.Null);
        Remote.Faults.Clear();
        Assert.That(Local.Faults.Rules, Is.Empty);
    }

    [Test]
    public void Faults_UnknownOperation_ThrowsBeforeTheWireNamingTheClosest()
    {
        var ex = Assert.Throws<ArgumentException>(() => Remote.Faults.When("CreateDeploymnet"));

        Assert.That(ex!.Message, Does.Contain("CreateDeployment"));
        Assert.That(Local.Faults.Rules, Is.Empty);
    }

    [Test]
    public void MapFunction_Handler_NotSupportedNamingTheCannedAnswer()
    {
        var ex = Assert.Throws<NotSupportedException>(() => Remote.MapFunction("/hi", (_, _) => FunctionResponse.Text("hi")));

        Assert.That(ex!.Message, Does.Contain("canned answer").And.Contain("FunctionResponse"));
    }

    [Test]
    public async Task MapFunction_CannedAnswer_ServedOnTheDomainInProcessAndRemote()
    {
        var remoteScenario = Remote.Seed().ServiceLiveIn("production", o => o.FunctionPaths = ["/sms/reply"]);
        using var inProcess = FakeServerlessServer.StartInMemory();
        var inProcessScenario = inProcess.Seed().ServiceLiveIn("production", o => o.FunctionPaths = ["/sms/reply"]);

        Remote.MapFunction("/sms/reply", FunctionResponse.TwiML("<Response/>"), scope: Remote.AccountSid);
        inProcess.MapFunction("/sms/reply", FunctionResponse.TwiML("<Response/>"));

        using var client = Remote.CreateHttpClient();
        using var response = await client.GetAsync($"https://{remoteScenario.Environment("production").DomainName}/sms/reply");
        Assert.That((await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType!.MediaType), Is.EqualTo(("<Response/>", "text/xml")));
        Assert.That(await inProcess.CreateHttpClient().GetStringAsync($"https://{inProcessScenario.Environment("production").DomainName}/sms/reply"), Is.EqualTo("<Response/>"));
    }

    [Test]
    public void CreateApiKey_Remote_TheFakeAcceptsIt()
    {
        var key = Remote.CreateApiKey();

        Assert.That(Local.ExportState().ApiKeys.Single(), Is.EqualTo(key));
    }

    [Test]
    public async Task ExportState_ImportState_RoundTripThroughTheWire()
    {
        Remote.Seed().ServiceReadyToDeploy();
        var exported = Remote.ExportState();
        var before = Json(Local.Snapshot());

        Remote.Reset();
        Assert.That(Local.Snapshot().Services, Is.Empty);
        await Remote.ImportStateAsync(exported);

        Assert.That(Json(Local.Snapshot()), Is.EqualTo(before));
        Assert.That((await Remote.ExportStateAsync()).ToJson(), Is.EqualTo(exported.ToJson()));
    }

    [Test]
    public async Task Reset_OneAccount_OthersStay()
    {
        const string other = "AC0000000000000000000000000000000b";
        Remote.Seed().ServiceReadyToDeploy();
        Remote.Seed(other).ServiceReadyToDeploy();
        Remote.Faults.When(accountSid: other).InternalServerError();

        Remote.Reset(other);

        Assert.That(Local.Snapshot(other).Services, Is.Empty);
        Assert.That(Local.Snapshot().Services, Has.Count.EqualTo(1));
        Assert.That(Local.Faults.Rules, Is.Empty);
        await Remote.ResetAsync();
        Assert.That(Local.Snapshot().Services, Is.Empty);
    }

    [Test]
    public async Task ScopedToAnAccount_JournalFaultsResetAndExport_SeeOnlyIt()
    {
        const string mine = "AC000000000000000000000000000000c1";
        await using var scoped = FakeServerlessServer.Connect(Local.Url, accountSid: mine);
        await ServiceResource.CreateAsync(uniqueName: "theirs", friendlyName: "Theirs", client: Twilio(Remote));
        Local.Seed().ServiceReadyToDeploy();

        var scenario = scoped.Seed().ServiceLiveIn("staging");
        scoped.Faults.When("FetchService").ServiceUnavailable();
        Assert.ThrowsAsync<ApiException>(() => ServiceResource.FetchAsync(scenario.Service.Sid, client: Twilio(scoped)));
        await ServiceResource.FetchAsync("theirs", client: Twilio(Remote));

        Assert.That(scoped.AccountSid, Is.EqualTo(mine));
        Assert.That(scoped.Snapshot().Services.Single().Sid, Is.EqualTo(scenario.Service.Sid));
        Assert.That(scoped.Journal.Entries.Select(e => (e.AccountSid, e.StatusCode)), Is.EqualTo(new[] { ((string?)mine, 503) }));
        Assert.That(scoped.Faults.Rules.Single().AccountSid, Is.EqualTo(mine));
        Assert.That(scoped.ExportState().Accounts.Select(a => a.AccountSid), Is.EqualTo(new[] { mine }));
        Assert.Throws<InvalidOperationException>(() => scoped.ImportState(Local.ExportState()));

        scoped.Reset();

        Assert.That(Local.Snapshot(mine).Services, Is.Empty);
        Assert.That(Local.Snapshot().Services, Has.Count.EqualTo(2), "the other account keeps its services");
        Assert.That(Local.Faults.Rules, Is.Empty);
        Assert.That(Local.Journal.OfAccount(Local.AccountSid), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task CreateScope_Remote_FreshRandomAccountIsolatedAndForgottenOnDispose()
    {
        var scope = Remote.CreateScope("a test");
        using var other = Remote.CreateScope("a test");
        var scenario = scope.Account.CreateService("shop");
        var live = Remote.Seed(scope.AccountSid).ServiceLiveIn("production");
        await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: new Twilio.Clients.TwilioRestClient(other.AccountSid, other.AuthToken, httpClient: new Twilio.Http.SystemNetHttpClient(other.CreateHttpClient())));
        using (var client = scope.CreateHttpClient())
        {
            (await client.GetAsync($"https://{live.Environment("production").DomainName}/index.html")).Dispose();
            (await client.GetAsync("/v1/Services")).Dispose();
        }

        Assert.That(scope.AccountSid, Does.StartWith("AC").And.Not.EqualTo(other.AccountSid).And.Not.EqualTo(FakeServerlessScope.AccountSidFor("a test")));
        Assert.That(scope.Journal.Entries.Select(e => e.Operation), Is.EqualTo(new[] { "ServeDomain", "ListService" }));
        Assert.That(scope.Snapshot().Services.Select(s => s.Sid), Does.Contain(scenario.Sid));

        await scope.DisposeAsync();

        Assert.That(Local.Snapshot(scope.AccountSid).Services, Is.Empty);
        Assert.That(Local.Snapshot(other.AccountSid).Services, Has.Count.EqualTo(1));
    }

    [Test]
    public void ControlToken_Wrong_ThrowsTheFakesRefusal()
    {
        using var guarded = FakeServerlessServer.Start(new FakeServerlessOptions { EnableControlApi = true, ControlToken = "s3cret" });
        using var wrong = FakeServerlessServer.Connect(guarded.Url, "nope");
        using var right = FakeServerlessServer.Connect(guarded.Url, "s3cret");

        var ex = Assert.Throws<FakeServerlessControlException>(() => wrong.Snapshot());

        Assert.That(ex!.Status, Is.EqualTo(401));
        Assert.That(ex.Message, Does.Contain("Bearer"));
        Assert.That(right.Snapshot().Services, Is.Empty);
    }

    [Test]
    public void Dispose_Remote_LeavesTheFakeRunning()
    {
        var client = Remote.CreateHttpClient();

        Remote.Dispose();

        Assert.Throws<ObjectDisposedException>(() => client.GetAsync(Local.Url).GetAwaiter().GetResult());
        Assert.That(Local.Snapshot().Services, Is.Empty);
        using var again = FakeServerlessServer.Connect(Local.Url);
        Assert.That(again.Snapshot().AccountSid, Is.EqualTo(Local.AccountSid));
    }

    [Test]
    public void WireMock_Remote_ThrowsSayingWhere()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => _ = Remote.WireMock);

        Assert.That(ex!.Message, Does.Contain("own process"));
    }

    [Test]
    public async Task CreateHttpClient_Remote_SdkDeploysThroughIt()
    {
        var scenario = Remote.Seed().ServiceReadyToDeploy();

        var deployment = await DeploymentResource.CreateAsync(scenario.Service.Sid, scenario.Environment("staging").Sid, buildSid: scenario.Build.Sid, client: Twilio(Remote));

        Assert.That(Local.Snapshot().Environment("staging")!.BuildSid, Is.EqualTo(scenario.Build.Sid));
        Assert.That(deployment.Sid, Is.EqualTo(Remote.Snapshot().Deployments.Single().Sid));
        var staging = await EnvironmentResource.FetchAsync(scenario.Service.Sid, scenario.Environment("staging").Sid, client: Twilio(Remote));
        Assert.That(staging.BuildSid, Is.EqualTo(scenario.Build.Sid));
        Assert.That(Encoding.UTF8.GetString(scenario.Assets[0].Version.Content.Span), Is.EqualTo(Encoding.UTF8.GetString(Local.Snapshot().AssetVersions.Single(v => v.Sid == scenario.Assets[0].Version.Sid).Content.Span)));
    }
}
