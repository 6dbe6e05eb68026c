using FakeServerless.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Newtonsoft.Json.Linq;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Build;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Tests.Operations;

[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class BuildOperationsTests(FakeServerlessTransport transport) : OperationsTestBase(transport)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private BuildCompletion _completion = BuildCompletion.Immediate;

    protected override FakeServerlessOptions Configure(FakeServerlessOptions options)
    {
        options.TimeProvider = _time;
        options.BuildCompletion = _completion;
        return options;
    }

    [Test]
    public async Task Create_WithVersions_AnswersBuildingAndEmbedsVersions()
    {
        var service = await CreateServiceAsync();
        var function = await FunctionResource.CreateAsync(service.Sid, friendlyName: "hello", client: Twilio);
        var functionVersion = await UploadFunctionVersionAsync(service.Sid, function.Sid, "/hello", "protected");
        var asset = await AssetResource.CreateAsync(service.Sid, friendlyName: "style", client: Twilio);
        var assetVersion = await UploadAssetVersionAsync(service.Sid, asset.Sid, "/style.css", "private");

        var build = await BuildResource.CreateAsync(service.Sid, assetVersions: [assetVersion], functionVersions: [functionVersion], client: Twilio);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(build.Sid, Does.Match("^ZB[0-9a-f]{32}$"));
            Assert.That(build.AccountSid, Is.EqualTo(Fake.AccountSid));
            Assert.That(build.ServiceSid, Is.EqualTo(service.Sid));
            Assert.That(build.Status, Is.EqualTo(BuildResource.StatusEnum.Building));
            Assert.That(build.Runtime, Is.EqualTo(BuildResource.RuntimeEnum.Node22));
            Assert.That(build.Dependencies, Is.Empty);
            Assert.That(build.Links.Keys, Is.EquivalentTo(new[] { "build_status" }));
        }

        var embeddedFunction = (JObject)build.FunctionVersions.Single();
        var embeddedAsset = (JObject)build.AssetVersions.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)embeddedFunction["sid"], Is.EqualTo(functionVersion));
            Assert.That((string?)embeddedFunction["function_sid"], Is.EqualTo(function.Sid));
            Assert.That((string?)embeddedFunction["path"], Is.EqualTo("/hello"));
            Assert.That((string?)embeddedFunction["visibility"], Is.EqualTo("protected"));
            Assert.That((string?)embeddedAsset["sid"], Is.EqualTo(assetVersion));
            Assert.That((string?)embeddedAsset["asset_sid"], Is.EqualTo(asset.Sid));
            Assert.That((string?)embeddedAsset["path"], Is.EqualTo("/style.css"));
            Assert.That((string?)embeddedAsset["visibility"], Is.EqualTo("private"));
        }
    }

    [Test]
    public async Task Fetch_ReturnsTheSameEmbeddedVersions()
    {
        var service = await CreateServiceAsync();
        var versions = new[] { await CreateFunctionVersionAsync(service.Sid, "/a"), await CreateFunctionVersionAsync(service.Sid, "/b") };
        var created = await BuildResource.CreateAsync(service.Sid, functionVersions: [.. versions], client: Twilio);

        var fetched = await BuildResource.FetchAsync(service.Sid, created.Sid, client: Twilio);

        Assert.That(fetched.FunctionVersions.Cast<JObject>().Select(v => ((string?)v["sid"], (string?)v["path"])), Is.EquivalentTo(new[] { (versions[0], "/a"), (versions[1], "/b") }));
    }

    [Test]
    public async Task Create_DependenciesArray_Embedded()
    {
        var service = await CreateServiceAsync();

        var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [await CreateFunctionVersionAsync(service.Sid)], dependencies: """[{"name":"twilio","version":"^5"},{"name":"lodash","version":"4.17.21"}]""", client: Twilio);

        Assert.That(Dependencies(build), Is.EqualTo(new[] { ("twilio", "^5"), ("lodash", "4.17.21") }));
    }

    [Test]
    public async Task Create_DependenciesAsQuotedString_Tolerated()
    {
        var service = await CreateServiceAsync();

        var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [await CreateFunctionVersionAsync(service.Sid)], dependencies: "\"[{\"name\":\"twilio\",\"version\":\"^5\"}]\"", client: Twilio);

        Assert.That(Dependencies(build), Is.EqualTo(new[] { ("twilio", "^5") }));
    }

    [Test]
    public async Task Create_DependenciesAsPackageJsonObject_Embedded()
    {
        var service = await CreateServiceAsync();

        var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [await CreateFunctionVersionAsync(service.Sid)], dependencies: """{"twilio":"^5","got":"11.8.6"}""", client: Twilio);

        Assert.That(Dependencies(build), Is.EqualTo(new[] { ("twilio", "^5"), ("got", "11.8.6") }));
    }

    [TestCase("not json")]
    [TestCase("[1,2]")]
    [TestCase("""[{"name":"twilio"}]""")]
    [TestCase("42")]
    [TestCase("""[{"name":"twilio","version":5}]""")]
    public async Task Create_InvalidDependencies_Returns400(string dependencies)
    {
        var service = await CreateServiceAsync();
        var version = await CreateFunctionVersionAsync(service.Sid);

        var error = await ApiErrorAsync(() => BuildResource.CreateAsync(service.Sid, functionVersions: [version], dependencies: dependencies, client: Twilio));

        AssertError(error, 400, 20001);
        Assert.That(error.Message, Does.StartWith("Dependencies"));
        Assert.That(await BuildResource.ReadAsync(service.Sid, client: Twilio), Is.Empty);
    }

    [TestCase("node20")]
    [TestCase("node22")]
    [TestCase("node24")]
    public async Task Create_RuntimeTwilioRuns_Accepted(string runtime)
    {
        var service = await CreateServiceAsync();

        var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [await CreateFunctionVersionAsync(service.Sid)], runtime: runtime, client: Twilio);

        Assert.That(build.Runtime.ToString(), Is.EqualTo(runtime));
    }

    [TestCase("node99")]
    [TestCase("node18")]
    [TestCase("node16")]
    [TestCase("node8")]
    [TestCase("NODE22")]
    [TestCase("python3")]
    [TestCase("node")]
    [TestCase("node22; rm -rf")]
    public async Task Create_RuntimeRetiredOrUnknown_Returns400UnsupportedRuntimeAndNoBuild(string runtime)
    {
        var service = await CreateServiceAsync();
        var version = await CreateFunctionVersionAsync(service.Sid);

        var error = await ApiErrorAsync(() => BuildResource.CreateAsync(service.Sid, functionVersions: [version], runtime: runtime, client: Twilio));

        AssertError(error, 400, 82007);
        Assert.That(error.Message, Does.Contain($"'{runtime}'").And.Contain("node20, node22, node24"));
        Assert.That(await BuildResource.ReadAsync(service.Sid, client: Twilio), Is.Empty);
    }

    [Test]
    public async Task Create_WithoutRuntime_DefaultsToNode22()
    {
        var service = await CreateServiceAsync();

        var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [await CreateFunctionVersionAsync(service.Sid)], client: Twilio);

        Assert.That(build.Runtime, Is.EqualTo(BuildResource.RuntimeEnum.Node22));
        Assert.That(Fake.Snapshot().Build(build.Sid)?.Runtime, Is.EqualTo("node22"));
    }

    [Test]
    public async Task Create_WithoutVersions_Returns400()
    {
        var service = await CreateServiceAsync();

        var error = await ApiErrorAsync(() => BuildResource.CreateAsync(service.Sid, dependencies: "[]", client: Twilio));

        AssertError(error, 400, 20001, "At least one Function Version or Asset Version is required for Build.");
    }

    [Test]
    public async Task Create_VersionOfAnotherService_Returns400()
    {
        var service = await CreateServiceAsync();
        var other = await CreateServiceAsync("other");
        var foreign = await CreateFunctionVersionAsync(other.Sid);

        var error = await ApiErrorAsync(() => BuildResource.CreateAsync(service.Sid, functionVersions: [foreign], client: Twilio));

        AssertError(error, 400, 20001);
        Assert.That(error.Message, Does.Contain(foreign));
    }

    [Test]
    public async Task Create_AssetVersionSidPassedAsFunctionVersion_Returns400()
    {
        var service = await CreateServiceAsync();
        var asset = await AssetResource.CreateAsync(service.Sid, friendlyName: "style", client: Twilio);
        var assetVersion = await UploadAssetVersionAsync(service.Sid, asset.Sid, "/style.css");

        var error = await ApiErrorAsync(() => BuildResource.CreateAsync(service.Sid, functionVersions: [assetVersion], client: Twilio));

        AssertError(error, 400, 20001);
    }

    [Test]
    public async Task Create_MalformedVersionSid_Returns400()
    {
        var service = await CreateServiceAsync();

        var error = await ApiErrorAsync(() => BuildResource.CreateAsync(service.Sid, functionVersions: ["ZH0123456789abcdef0123456789abcdef"], client: Twilio));

        AssertError(error, 400, 20001);
        Assert.That(error.Message, Does.Contain("FunctionVersions"));
    }

    [Test]
    public async Task Immediate_CreateAnswersBuilding_NextReadSeesCompleted()
    {
        var service = await CreateServiceAsync();

        var created = await BuildResource.CreateAsync(service.Sid, functionVersions: [await CreateFunctionVersionAsync(service.Sid)], client: Twilio);

        Assert.That(created.Status, Is.EqualTo(BuildResource.StatusEnum.Building));
        var fetched = await BuildResource.FetchAsync(service.Sid, created.Sid, client: Twilio);
        var status = await BuildStatusResource.FetchAsync(service.Sid, created.Sid, client: Twilio);
        Assert.That((fetched.Status, status.Status), Is.EqualTo((BuildResource.StatusEnum.Completed, BuildStatusResource.StatusEnum.Completed)));
    }

    [Test]
    public async Task AfterPolls3_CompletesOnTheThirdReadOfBuildOrStatus()
    {
        _completion = BuildCompletion.AfterPolls(3);
        var service = await CreateServiceAsync();
        var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [await CreateFunctionVersionAsync(service.Sid)], client: Twilio);

        var reads = new List<string>
        {
            (await BuildStatusResource.FetchAsync(service.Sid, build.Sid, client: Twilio)).Status.ToString(),
            (await BuildResource.FetchAsync(service.Sid, build.Sid, client: Twilio)).Status.ToString(),
            (await BuildStatusResource.FetchAsync(service.Sid, build.Sid, client: Twilio)).Status.ToString(),
            (await BuildResource.FetchAsync(service.Sid, build.Sid, client: Twilio)).Status.ToString(),
        };

        Assert.That(reads, Is.EqualTo(new[] { "building", "building", "completed", "completed" }));
    }

    [Test]
    public async Task AfterPolls_ListDoesNotCountAsAPoll()
    {
        _completion = BuildCompletion.AfterPolls(2);
        var service = await CreateServiceAsync();
        var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [await CreateFunctionVersionAsync(service.Sid)], client: Twilio);

        for (var i = 0; i < 3; i++)
        {
            Assert.That((await BuildResource.ReadAsync(service.Sid, client: Twilio)).Single().Status, Is.EqualTo(BuildResource.StatusEnum.Building));
        }

        Assert.That((await BuildStatusResource.FetchAsync(service.Sid, build.Sid, client: Twilio)).Status, Is.EqualTo(BuildStatusResource.StatusEnum.Building));
        Assert.That((await BuildStatusResource.FetchAsync(service.Sid, build.Sid, client: Twilio)).Status, Is.EqualTo(BuildStatusResource.StatusEnum.Completed));
    }

    [Test]
    public async Task AfterDelay_CompletesWhenTheFakeClockPassesTheDelay()
    {
        _completion = BuildCompletion.AfterDelay(TimeSpan.FromSeconds(30));
        var service = await CreateServiceAsync();
        var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [await CreateFunctionVersionAsync(service.Sid)], client: Twilio);

        var atStart = await BuildStatusResource.FetchAsync(service.Sid, build.Sid, client: Twilio);
        _time.Advance(TimeSpan.FromSeconds(29));
        var before = await BuildStatusResource.FetchAsync(service.Sid, build.Sid, client: Twilio);
        _time.Advance(TimeSpan.FromSeconds(1));
        var after = await BuildResource.FetchAsync(service.Sid, build.Sid, client: Twilio);

        Assert.That((atStart.Status, before.Status), Is.EqualTo((BuildStatusResource.StatusEnum.Building, BuildStatusResource.StatusEnum.Building)));
        Assert.That(after.Status, Is.EqualTo(BuildResource.StatusEnum.Completed));
        Assert.That(after.DateUpdated, Is.EqualTo(Start.AddSeconds(30).UtcDateTime));
    }

    [Test]
    public async Task AfterDelay_DeployBeforeTheDelay_Returns409AndAfterItSucceeds()
    {
        _completion = BuildCompletion.AfterDelay(TimeSpan.FromMinutes(1));
        var service = await CreateServiceAsync();
        var environment = await CreateEnvironmentAsync(service.Sid);
        var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [await CreateFunctionVersionAsync(service.Sid)], client: Twilio);

        var error = await ApiErrorAsync(() => DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid, client: Twilio));
        _time.Advance(TimeSpan.FromMinutes(1));
        var deployment = await DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid, client: Twilio);

        AssertError(error, 409, 20409);
        Assert.That(deployment.BuildSid, Is.EqualTo(build.Sid));
    }

    [Test]
    public async Task Manual_StaysBuildingUntilCompleteBuild()
    {
        _completion = BuildCompletion.Manual;
        var service = await CreateServiceAsync();
        var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [await CreateFunctionVersionAsync(service.Sid)], client: Twilio);
        for (var i = 0; i < 5; i++)
        {
            Assert.That((await BuildStatusResource.FetchAsync(service.Sid, build.Sid, client: Twilio)).Status, Is.EqualTo(BuildStatusResource.StatusEnum.Building));
        }

        _time.Advance(TimeSpan.FromHours(1));
        var completed = Fake.Account().CompleteBuild(service.Sid, build.Sid);

        Assert.That(completed, Is.True);
        Assert.That((await BuildResource.FetchAsync(service.Sid, build.Sid, client: Twilio)).Status, Is.EqualTo(BuildResource.StatusEnum.Completed));
        Assert.That(Fake.Account().CompleteBuild(service.Sid, build.Sid), Is.False);
        Assert.That(Fake.Account().FailBuild(service.Sid, build.Sid), Is.False);
    }

    [Test]
    public async Task Manual_FailBuild_StatusFailedAndDeployRefused()
    {
        _completion = BuildCompletion.Manual;
        var service = await CreateServiceAsync();
        var environment = await CreateEnvironmentAsync(service.Sid);
        var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [await CreateFunctionVersionAsync(service.Sid)], client: Twilio);

        Assert.That(Fake.Account().FailBuild(service.Sid, build.Sid), Is.True);

        Assert.That((await BuildStatusResource.FetchAsync(service.Sid, build.Sid, client: Twilio)).Status, Is.EqualTo(BuildStatusResource.StatusEnum.Failed));
        var error = await ApiErrorAsync(() => DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid, client: Twilio));
        AssertError(error, 409, 20409);
    }

    [Test]
    public async Task FailNextBuild_NextBuildFailsAndIsNotDeployable_TheOneAfterCompletes()
    {
        var service = await CreateServiceAsync();
        var environment = await CreateEnvironmentAsync(service.Sid);
        var version = await CreateFunctionVersionAsync(service.Sid);
        Fake.FailNextBuild();

        var failed = await BuildResource.CreateAsync(service.Sid, functionVersions: [version], client: Twilio);
        var next = await BuildResource.CreateAsync(service.Sid, functionVersions: [version], client: Twilio);

        Assert.That(failed.Status, Is.EqualTo(BuildResource.StatusEnum.Building));
        Assert.That((await BuildStatusResource.FetchAsync(service.Sid, failed.Sid, client: Twilio)).Status, Is.EqualTo(BuildStatusResource.StatusEnum.Failed));
        Assert.That((await BuildResource.FetchAsync(service.Sid, failed.Sid, client: Twilio)).Status, Is.EqualTo(BuildResource.StatusEnum.Failed));
        Assert.That((await BuildStatusResource.FetchAsync(service.Sid, next.Sid, client: Twilio)).Status, Is.EqualTo(BuildStatusResource.StatusEnum.Completed));
        var error = await ApiErrorAsync(() => DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: failed.Sid, client: Twilio));
        AssertError(error, 409, 20409);
        Assert.That(error.Message, Does.Contain("failed"));
    }

    [Test]
    public async Task BuildAndStatus_ReadAtTheSameMoment_AlwaysAgree()
    {
        _completion = BuildCompletion.AfterDelay(TimeSpan.FromSeconds(10));
        var service = await CreateServiceAsync();
        var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [await CreateFunctionVersionAsync(service.Sid)], client: Twilio);

        var seen = new List<(string Build, string Status, string Listed)>();
        for (var i = 0; i < 4; i++)
        {
            seen.Add((
                (await BuildResource.FetchAsync(service.Sid, build.Sid, client: Twilio)).Status.ToString(),
                (await BuildStatusResource.FetchAsync(service.Sid, build.Sid, client: Twilio)).Status.ToString(),
                (await BuildResource.ReadAsync(service.Sid, client: Twilio)).Single().Status.ToString()));
            _time.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.That(seen, Is.EqualTo(new[]
        {
            ("building", "building", "building"),
            ("building", "building", "building"),
            ("completed", "completed", "completed"),
            ("completed", "completed", "completed"),
        }));
    }

    [Test]
    public async Task Read_ListsNewestFirst()
    {
        var service = await CreateServiceAsync();
        var version = await CreateFunctionVersionAsync(service.Sid);
        var first = await BuildResource.CreateAsync(service.Sid, functionVersions: [version], client: Twilio);
        var second = await BuildResource.CreateAsync(service.Sid, functionVersions: [version], client: Twilio);
        var third = await BuildResource.CreateAsync(service.Sid, functionVersions: [version], client: Twilio);

        var builds = await BuildResource.ReadAsync(service.Sid, client: Twilio);

        Assert.That(builds.Select(b => b.Sid), Is.EqualTo(new[] { third.Sid, second.Sid, first.Sid }));
    }

    [Test]
    public async Task Delete_NotLive_ThenFetchReturns404()
    {
        var service = await CreateServiceAsync();
        var build = await CreateCompletedBuildAsync(service.Sid, await CreateFunctionVersionAsync(service.Sid));

        var deleted = await BuildResource.DeleteAsync(service.Sid, build.Sid, client: Twilio);

        Assert.That(deleted, Is.True);
        AssertError(await ApiErrorAsync(() => BuildResource.FetchAsync(service.Sid, build.Sid, client: Twilio)), 404, 20404);
        AssertError(await ApiErrorAsync(() => BuildStatusResource.FetchAsync(service.Sid, build.Sid, client: Twilio)), 404, 20404);
    }

    [Test]
    public async Task Delete_LiveBuild_Returns409UntilTheEnvironmentIsCleared()
    {
        var service = await CreateServiceAsync();
        var environment = await CreateEnvironmentAsync(service.Sid);
        var build = await CreateCompletedBuildAsync(service.Sid, await CreateFunctionVersionAsync(service.Sid));
        await DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid, client: Twilio);

        var error = await ApiErrorAsync(() => BuildResource.DeleteAsync(service.Sid, build.Sid, client: Twilio));

        AssertError(error, 409, 20409);
        Assert.That(error.Message, Does.Contain(build.Sid));
        await DeploymentResource.CreateAsync(service.Sid, environment.Sid, client: Twilio);
        Assert.That(await BuildResource.DeleteAsync(service.Sid, build.Sid, client: Twilio), Is.True);
    }

    [Test]
    public async Task Delete_PreviouslyLiveBuild_Succeeds()
    {
        var service = await CreateServiceAsync();
        var environment = await CreateEnvironmentAsync(service.Sid);
        var version = await CreateFunctionVersionAsync(service.Sid);
        var old = await CreateCompletedBuildAsync(service.Sid, version);
        var current = await CreateCompletedBuildAsync(service.Sid, version);
        await DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: old.Sid, client: Twilio);
        await DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: current.Sid, client: Twilio);

        var deleted = await BuildResource.DeleteAsync(service.Sid, old.Sid, client: Twilio);

        Assert.That(deleted, Is.True);
    }

    [Test]
    public async Task Fetch_BuildOfAnotherService_Returns404()
    {
        var service = await CreateServiceAsync();
        var other = await CreateServiceAsync("other");
        var build = await CreateCompletedBuildAsync(other.Sid, await CreateFunctionVersionAsync(other.Sid));

        var error = await ApiErrorAsync(() => BuildResource.FetchAsync(service.Sid, build.Sid, client: Twilio));

        AssertError(error, 404, 20404, $"The requested resource /Services/{service.Sid}/Builds/{build.Sid} was not found");
    }

    private static IEnumerable<(string?, string?)> Dependencies(BuildResource build) =>
        build.Dependencies.Cast<JObject>().Select(d => ((string?)d["name"], (string?)d["version"]));
}
