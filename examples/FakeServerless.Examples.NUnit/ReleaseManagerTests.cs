using FakeServerless.Examples.Promotion;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Examples.NUnit;

/// <summary>
/// ReleaseManager against a fresh fake per test (one fixture instance per test, so tests may run in parallel); assertions
/// read the fake's state with <see cref="FakeServerlessServer.Snapshot"/> and its <see cref="FakeServerlessServer.Journal"/>.
/// </summary>
[Parallelizable(ParallelScope.All)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class ReleaseManagerTests : IDisposable
{
    private readonly FakeServerlessServer _fake = FakeServerlessServer.Start();
    private readonly List<TimeSpan> _waits = [];

    private TwilioRestClient Twilio => new(_fake.AccountSid, _fake.AuthToken, httpClient: new SystemNetHttpClient(_fake.CreateHttpClient()));

    private ReleaseManager CreateManager(int maxAttempts = 3) => new(Twilio, new ReleaseManagerOptions
    {
        MaxAttempts = maxAttempts,
        Wait = (delay, _) =>
        {
            _waits.Add(delay);
            return Task.CompletedTask;
        },
    });

    [Test]
    public async Task PromoteAsync_StagingLive_DeploysTheSameBuildToProduction()
    {
        var scenario = _fake.Seed().ServiceLiveIn("staging");

        var result = await CreateManager().PromoteAsync(scenario.Service.Sid, "staging", "production");

        var production = _fake.Snapshot().Environment(scenario.Environment("production").Sid)!;
        Assert.That(production.BuildSid, Is.EqualTo(scenario.Build.Sid));
        Assert.That(result.DeploymentSid, Is.EqualTo(_fake.Snapshot().DeploymentsOf(production.Sid).Single().Sid));
        Assert.That(_fake.Snapshot().Environment(scenario.Environment("staging").Sid)!.BuildSid, Is.EqualTo(scenario.Build.Sid));
    }

    [Test]
    public async Task PromoteAsync_EnvironmentsGivenBySid_Promotes()
    {
        var scenario = _fake.Seed().ServiceLiveIn("staging");

        var result = await CreateManager().PromoteAsync(scenario.Service.Sid, scenario.Environment("staging").Sid, scenario.Environment("production").Sid);

        Assert.That(result.ToEnvironmentSid, Is.EqualTo(scenario.Environment("production").Sid));
        Assert.That(_fake.Snapshot().Environment(result.ToEnvironmentSid)!.BuildSid, Is.EqualTo(scenario.Build.Sid));
    }

    [Test]
    public void PromoteAsync_NothingLiveInSource_ThrowsAndDeploysNothing()
    {
        var scenario = _fake.Seed().ServiceReadyToDeploy();

        var ex = Assert.ThrowsAsync<NothingToPromoteException>(() => CreateManager().PromoteAsync(scenario.Service.Sid, "staging", "production"));

        Assert.That(ex!.Message, Does.Contain("'staging'").And.Contain("no live build"));
        Assert.That(_fake.Journal.OfOperation("CreateDeployment"), Is.Empty);
        Assert.That(_fake.Snapshot().Deployments, Is.Empty);
    }

    [Test]
    public async Task PromoteAsync_TargetAlreadyRunsTheBuild_MakesNoDeployment()
    {
        var scenario = _fake.Seed().ServiceReadyToDeploy(o => o.DeployTo = ["staging", "production"]);

        var result = await CreateManager().PromoteAsync(scenario.Service.Sid, "staging", "production");

        Assert.That(result.Deployed, Is.False);
        Assert.That(_fake.Journal.OfOperation("CreateDeployment"), Is.Empty);
    }

    [Test]
    public void PromoteAsync_UnknownEnvironment_ThrowsNamingTheKnownOnes()
    {
        var scenario = _fake.Seed().ServiceLiveIn("staging");

        var ex = Assert.ThrowsAsync<ArgumentException>(() => CreateManager().PromoteAsync(scenario.Service.Sid, "staging", "prod"));

        Assert.That(ex!.Message, Does.Contain("'prod'").And.Contain("'production'"));
    }

    [Test]
    public async Task PromoteAsync_RateLimitedWithRetryAfter_WaitsWhatTheAnswerSaysThenDeploys()
    {
        var scenario = _fake.Seed().ServiceLiveIn("staging");
        _fake.Faults.When("CreateDeployment").TooManyRequests(TimeSpan.FromSeconds(7)).Times(2);

        await CreateManager().PromoteAsync(scenario.Service.Sid, "staging", "production");

        Assert.That(_waits, Is.EqualTo(new[] { TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7) }));
        Assert.That(_fake.Journal.OfOperation("CreateDeployment").Select(e => e.StatusCode), Is.EqualTo(new[] { 429, 429, 201 }));
        Assert.That(_fake.Snapshot().Environment(scenario.Environment("production").Sid)!.BuildSid, Is.EqualTo(scenario.Build.Sid));
    }

    [Test]
    public void DeployWithRetryAsync_RateLimitedEveryTime_GivesUpAfterMaxAttempts()
    {
        var scenario = _fake.Seed().ServiceReadyToDeploy();
        _fake.Faults.When("CreateDeployment").TooManyRequests();

        var ex = Assert.ThrowsAsync<ApiException>(() =>
            CreateManager(maxAttempts: 3).DeployWithRetryAsync(scenario.Service.Sid, scenario.Environment("staging").Sid, scenario.Build.Sid));

        Assert.That(ex!.Status, Is.EqualTo(429));
        Assert.That(ex.Code, Is.EqualTo(20429));
        Assert.That(_fake.Journal.OfOperation("CreateDeployment"), Has.Count.EqualTo(3));
        Assert.That(_fake.Snapshot().Deployments, Is.Empty);
    }

    [Test]
    public void DeployWithRetryAsync_ServerError_IsNotRetried()
    {
        var scenario = _fake.Seed().ServiceReadyToDeploy();
        _fake.Faults.When("CreateDeployment").InternalServerError().Once();

        var ex = Assert.ThrowsAsync<ApiException>(() =>
            CreateManager().DeployWithRetryAsync(scenario.Service.Sid, scenario.Environment("staging").Sid, scenario.Build.Sid));

        Assert.That(ex!.Status, Is.EqualTo(500));
        Assert.That(_waits, Is.Empty);
        Assert.That(_fake.Journal.OfOperation("CreateDeployment"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task RollBackByClearingAsync_LiveEnvironment_ClearsItAndKeepsOnlyTheClearingDeployment()
    {
        var scenario = _fake.Seed().ServiceLiveIn("production");
        var production = scenario.Environment("production");

        var clearing = await CreateManager().RollBackByClearingAsync(scenario.Service.Sid, "production");

        var snapshot = _fake.Snapshot();
        Assert.That(clearing!.BuildSid, Is.Null);
        Assert.That(snapshot.Environment(production.Sid)!.BuildSid, Is.Null);
        Assert.That(snapshot.DeploymentsOf(production.Sid).Select(d => d.Sid), Is.EqualTo(new[] { clearing.Sid }));
        var listed = await DeploymentResource.ReadAsync(scenario.Service.Sid, production.Sid, client: Twilio);
        Assert.That(listed.Select(d => d.Sid), Is.EqualTo(new[] { clearing.Sid }));
        var page = await _fake.CreateHttpClient().GetAsync($"https://{production.DomainName}/index.html");
        Assert.That((int)page.StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task RollBackByClearingAsync_AlreadyClear_DoesNothing()
    {
        var scenario = _fake.Seed().ServiceReadyToDeploy();

        var clearing = await CreateManager().RollBackByClearingAsync(scenario.Service.Sid, "production");

        Assert.That(clearing, Is.Null);
        Assert.That(_fake.Journal.OfOperation("CreateDeployment"), Is.Empty);
    }

    public void Dispose() => _fake.Dispose();
}
