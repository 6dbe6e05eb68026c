using FakeServerless.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Tests.Operations;

[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class DeploymentOperationsTests(FakeServerlessTransport transport) : OperationsTestBase(transport)
{
    private string _serviceSid = string.Empty;
    private EnvironmentResource _environment = null!;
    private string _versionSid = string.Empty;

    private string EnvironmentSid => _environment.Sid;

    /// <summary>Builds stay <c>building</c> until a test finishes them, so deploying an unfinished build can be tried.</summary>
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    protected override FakeServerlessOptions Configure(FakeServerlessOptions options)
    {
        options.TimeProvider = _time;
        options.BuildCompletion = BuildCompletion.Manual;
        return options;
    }

    [SetUp]
    public async Task CreateEnvironmentAndVersion()
    {
        _serviceSid = (await CreateServiceAsync()).Sid;
        _environment = await CreateEnvironmentAsync(_serviceSid);
        _versionSid = await CreateFunctionVersionAsync(_serviceSid, "/hello");
    }

    [Test]
    public async Task Create_WithBuildSid_SetsEnvironmentBuildSid()
    {
        var build = await CreateCompletedBuildAsync(_serviceSid, _versionSid);

        var deployment = await DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, buildSid: build.Sid, client: Twilio);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(deployment.Sid, Does.Match("^ZD[0-9a-f]{32}$"));
            Assert.That(deployment.AccountSid, Is.EqualTo(Fake.AccountSid));
            Assert.That(deployment.ServiceSid, Is.EqualTo(_serviceSid));
            Assert.That(deployment.EnvironmentSid, Is.EqualTo(EnvironmentSid));
            Assert.That(deployment.BuildSid, Is.EqualTo(build.Sid));
        }

        var environment = await EnvironmentResource.FetchAsync(_serviceSid, EnvironmentSid, client: Twilio);
        Assert.That(environment.BuildSid, Is.EqualTo(build.Sid));
    }

    [Test]
    public async Task Fetch_ReturnsDeployment()
    {
        var build = await CreateCompletedBuildAsync(_serviceSid, _versionSid);
        var created = await DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, buildSid: build.Sid, client: Twilio);

        var fetched = await DeploymentResource.FetchAsync(_serviceSid, EnvironmentSid, created.Sid, client: Twilio);

        Assert.That((fetched.Sid, fetched.BuildSid), Is.EqualTo((created.Sid, build.Sid)));
    }

    [Test]
    public async Task Create_AnotherBuild_ReplacesLiveBuildAndKeepsHistory()
    {
        var first = await CreateCompletedBuildAsync(_serviceSid, _versionSid);
        var second = await CreateCompletedBuildAsync(_serviceSid, _versionSid);
        var d1 = await DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, buildSid: first.Sid, client: Twilio);

        var d2 = await DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, buildSid: second.Sid, client: Twilio);

        var environment = await EnvironmentResource.FetchAsync(_serviceSid, EnvironmentSid, client: Twilio);
        Assert.That(environment.BuildSid, Is.EqualTo(second.Sid));
        var deployments = await DeploymentResource.ReadAsync(_serviceSid, EnvironmentSid, client: Twilio);
        Assert.That(deployments.Select(d => d.Sid), Is.EqualTo(new[] { d2.Sid, d1.Sid }));
    }

    [Test]
    public async Task Read_ListsNewestFirst()
    {
        var builds = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            builds.Add((await CreateCompletedBuildAsync(_serviceSid, _versionSid)).Sid);
        }

        var created = new List<string>();
        foreach (var buildSid in builds)
        {
            created.Add((await DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, buildSid: buildSid, client: Twilio)).Sid);
        }

        var deployments = await DeploymentResource.ReadAsync(_serviceSid, EnvironmentSid, client: Twilio);

        Assert.That(deployments.Select(d => d.Sid), Is.EqualTo(Enumerable.Reverse(created)));
    }

    [Test]
    public async Task Create_WithoutBuildSid_ClearsEnvironmentAndDeletesEarlierDeployments()
    {
        var first = await CreateCompletedBuildAsync(_serviceSid, _versionSid);
        var second = await CreateCompletedBuildAsync(_serviceSid, _versionSid);
        var d1 = await DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, buildSid: first.Sid, client: Twilio);
        var d2 = await DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, buildSid: second.Sid, client: Twilio);

        var clearing = await DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, client: Twilio);

        Assert.That(clearing.BuildSid, Is.Null);
        var environment = await EnvironmentResource.FetchAsync(_serviceSid, EnvironmentSid, client: Twilio);
        Assert.That(environment.BuildSid, Is.Null);
        AssertError(await ApiErrorAsync(() => DeploymentResource.FetchAsync(_serviceSid, EnvironmentSid, d1.Sid, client: Twilio)), 404, 20404);
        AssertError(await ApiErrorAsync(() => DeploymentResource.FetchAsync(_serviceSid, EnvironmentSid, d2.Sid, client: Twilio)), 404, 20404);
        var fetchedClearing = await DeploymentResource.FetchAsync(_serviceSid, EnvironmentSid, clearing.Sid, client: Twilio);
        Assert.That((fetchedClearing.Sid, fetchedClearing.BuildSid), Is.EqualTo((clearing.Sid, (string?)null)));
        var deployments = await DeploymentResource.ReadAsync(_serviceSid, EnvironmentSid, client: Twilio);
        Assert.That(deployments.Select(d => d.Sid), Is.EqualTo(new[] { clearing.Sid }));
    }

    [Test]
    public async Task Create_WithoutBuildSid_DomainStopsServing()
    {
        var build = await CreateCompletedBuildAsync(_serviceSid, _versionSid);
        await DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, buildSid: build.Sid, client: Twilio);
        using (var live = await Http.GetAsync($"https://{_environment.DomainName}/hello"))
        {
            Assert.That((int)live.StatusCode, Is.EqualTo(200));
        }

        await DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, client: Twilio);

        using var gone = await Http.GetAsync($"https://{_environment.DomainName}/hello");
        Assert.That((int)gone.StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task Create_WithoutBuildSid_LeavesOtherEnvironmentsUntouched()
    {
        var other = await EnvironmentResource.CreateAsync(_serviceSid, uniqueName: "other", domainSuffix: "other", client: Twilio);
        var build = await CreateCompletedBuildAsync(_serviceSid, _versionSid);
        await DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, buildSid: build.Sid, client: Twilio);
        var otherDeployment = await DeploymentResource.CreateAsync(_serviceSid, other.Sid, buildSid: build.Sid, client: Twilio);

        await DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, client: Twilio);

        var otherEnvironment = await EnvironmentResource.FetchAsync(_serviceSid, other.Sid, client: Twilio);
        Assert.That(otherEnvironment.BuildSid, Is.EqualTo(build.Sid));
        var otherDeployments = await DeploymentResource.ReadAsync(_serviceSid, other.Sid, client: Twilio);
        Assert.That(otherDeployments.Select(d => d.Sid), Is.EqualTo(new[] { otherDeployment.Sid }));
        using var live = await Http.GetAsync($"https://{other.DomainName}/hello");
        Assert.That((int)live.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Create_ClearingTwice_Returns409()
    {
        var build = await CreateCompletedBuildAsync(_serviceSid, _versionSid);
        await DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, buildSid: build.Sid, client: Twilio);
        await DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, client: Twilio);

        var error = await ApiErrorAsync(() => DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, client: Twilio));

        AssertError(error, 409, 20409, "Environment already has requested deployment.");
    }

    [Test]
    public async Task Create_ClearingANeverDeployedEnvironment_Returns409()
    {
        var error = await ApiErrorAsync(() => DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, client: Twilio));

        AssertError(error, 409, 20409, "Environment already has requested deployment.");
    }

    [Test]
    public async Task Create_SameBuildTwice_Returns409AndKeepsOneDeployment()
    {
        var build = await CreateCompletedBuildAsync(_serviceSid, _versionSid);
        var first = await DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, buildSid: build.Sid, client: Twilio);

        var error = await ApiErrorAsync(() => DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, buildSid: build.Sid, client: Twilio));

        AssertError(error, 409, 20409, "Environment already has requested deployment.");
        var deployments = await DeploymentResource.ReadAsync(_serviceSid, EnvironmentSid, client: Twilio);
        Assert.That(deployments.Select(d => d.Sid), Is.EqualTo(new[] { first.Sid }));
    }

    [Test]
    public async Task Create_UnknownBuild_Returns404NamingTheBuild()
    {
        const string buildSid = "ZB0123456789abcdef0123456789abcdef";

        var error = await ApiErrorAsync(() => DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, buildSid: buildSid, client: Twilio));

        AssertError(error, 404, 20404, $"The requested resource /Services/{_serviceSid}/Builds/{buildSid} was not found");
        var environment = await EnvironmentResource.FetchAsync(_serviceSid, EnvironmentSid, client: Twilio);
        Assert.That(environment.BuildSid, Is.Null);
    }

    [Test]
    public async Task Create_BuildOfAnotherService_Returns404()
    {
        var otherService = await CreateServiceAsync("other");
        var foreignBuild = await CreateCompletedBuildAsync(otherService.Sid, await CreateFunctionVersionAsync(otherService.Sid));

        var error = await ApiErrorAsync(() => DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, buildSid: foreignBuild.Sid, client: Twilio));

        AssertError(error, 404, 20404, $"The requested resource /Services/{_serviceSid}/Builds/{foreignBuild.Sid} was not found");
    }

    [TestCase("not-a-build")]
    [TestCase("ZD0123456789abcdef0123456789abcdef")]
    [TestCase("ZB0123")]
    public async Task Create_MalformedBuildSid_Returns400(string buildSid)
    {
        var error = await ApiErrorAsync(() => DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, buildSid: buildSid, client: Twilio));

        AssertError(error, 400, 20001);
        Assert.That(error.Message, Does.Contain("BuildSid"));
    }

    [Test]
    public async Task Create_UnknownEnvironment_Returns404()
    {
        var build = await CreateCompletedBuildAsync(_serviceSid, _versionSid);

        var error = await ApiErrorAsync(() => DeploymentResource.CreateAsync(_serviceSid, "ZE0123456789abcdef0123456789abcdef", buildSid: build.Sid, client: Twilio));

        AssertError(error, 404, 20404);
    }

    [Test]
    public async Task Fetch_UnknownDeployment_Returns404()
    {
        var error = await ApiErrorAsync(() => DeploymentResource.FetchAsync(_serviceSid, EnvironmentSid, "ZD0123456789abcdef0123456789abcdef", client: Twilio));

        AssertError(error, 404, 20404);
    }

    [Test]
    public async Task Create_WithIsPlugin_Succeeds()
    {
        var build = await CreateCompletedBuildAsync(_serviceSid, _versionSid);

        var deployment = await DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, buildSid: build.Sid, isPlugin: true, client: Twilio);

        Assert.That(deployment.BuildSid, Is.EqualTo(build.Sid));
    }

    [Test]
    public async Task Create_BuildStillBuilding_Returns409()
    {
        var build = await BuildResource.CreateAsync(_serviceSid, functionVersions: [_versionSid], client: Twilio);

        var error = await ApiErrorAsync(() => DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, buildSid: build.Sid, client: Twilio));

        AssertError(error, 409, 20409);
        Assert.That(error.Message, Does.Contain(build.Sid).And.Contain("building"));
        var environment = await EnvironmentResource.FetchAsync(_serviceSid, EnvironmentSid, client: Twilio);
        Assert.That(environment.BuildSid, Is.Null);
        Assert.That(await DeploymentResource.ReadAsync(_serviceSid, EnvironmentSid, client: Twilio), Is.Empty);
    }

    [Test]
    public async Task Create_BuildCompletedByTest_Succeeds()
    {
        var build = await BuildResource.CreateAsync(_serviceSid, functionVersions: [_versionSid], client: Twilio);
        await ApiErrorAsync(() => DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, buildSid: build.Sid, client: Twilio));

        Assert.That(Fake.Account().CompleteBuild(_serviceSid, build.Sid), Is.True);
        var deployment = await DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, buildSid: build.Sid, client: Twilio);

        Assert.That(deployment.BuildSid, Is.EqualTo(build.Sid));
    }

    [Test]
    public async Task Create_FailedBuild_Returns409()
    {
        var build = await BuildResource.CreateAsync(_serviceSid, functionVersions: [_versionSid], client: Twilio);
        Fake.Account().FailBuild(_serviceSid, build.Sid);

        var error = await ApiErrorAsync(() => DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, buildSid: build.Sid, client: Twilio));

        AssertError(error, 409, 20409);
        Assert.That(error.Message, Does.Contain("failed"));
    }

    [Test]
    public async Task Create_MovesEnvironmentDateUpdated()
    {
        var build = await CreateCompletedBuildAsync(_serviceSid, _versionSid);
        _time.Advance(TimeSpan.FromMinutes(10));

        await DeploymentResource.CreateAsync(_serviceSid, EnvironmentSid, buildSid: build.Sid, client: Twilio);

        var environment = await EnvironmentResource.FetchAsync(_serviceSid, EnvironmentSid, client: Twilio);
        Assert.That(environment.DateUpdated, Is.EqualTo(environment.DateCreated!.Value.AddMinutes(10)));
    }
}
