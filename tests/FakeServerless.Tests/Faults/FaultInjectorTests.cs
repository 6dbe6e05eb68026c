using FakeServerless.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Tests.Faults;

[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class FaultInjectorTests(FakeServerlessTransport transport) : FakeTestBase(transport)
{
    private const string OtherAccount = "AC00000000000000000000000000000002";

    private FakeTimeProvider? _time;

    protected override FakeServerlessOptions Configure(FakeServerlessOptions options)
    {
        if (_time is not null)
        {
            options.TimeProvider = _time;
        }

        return options;
    }

    private TwilioRestClient ClientFor(string accountSid) =>
        new(accountSid, "other-token", httpClient: new SystemNetHttpClient(Fake.CreateHttpClient()));

    [Test]
    public void RespondWith_503_SdkThrowsApiExceptionAndStateIsUnchanged()
    {
        Fake.Account().CreateService("existing");
        var before = Fake.Snapshot();
        Fake.Faults.When("CreateService").RespondWith(503);

        var error = Assert.ThrowsAsync<ApiException>(() => ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio));

        Assert.That(error!.Status, Is.EqualTo(503));
        Assert.That(error.Code, Is.EqualTo(20503));
        Assert.That(error.Message, Is.EqualTo("Service Unavailable"));
        var after = Fake.Snapshot();
        Assert.That(after.Services, Is.EqualTo(before.Services));
        Assert.That(after.Service("shop"), Is.Null);
        var entry = Fake.Journal.Entries.Single();
        Assert.That(entry.StatusCode, Is.EqualTo(503));
        Assert.That(entry.ErrorCode, Is.EqualTo(20503));
        Assert.That(entry.Fault, Does.Contain("CreateService"));
    }

    [Test]
    public void RespondWith_FormBody_JournalEntryKeepsTheParametersSent()
    {
        Fake.Faults.When("CreateService").RespondWith(503);

        Assert.ThrowsAsync<ApiException>(() => ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio));

        var entry = Fake.Journal.Entries.Single();
        Assert.That(entry.StatusCode, Is.EqualTo(503));
        Assert.That(entry.Parameters["UniqueName"], Is.EqualTo(new[] { "shop" }));
        Assert.That(entry.Parameters["FriendlyName"], Is.EqualTo(new[] { "Shop" }));
    }

    [Test]
    public async Task When_MisspelledOperation_ThrowsNamingTheClosestIdAndAddsNoRule()
    {
        var error = Assert.Throws<ArgumentException>(() => Fake.Faults.When("CreateDeploymnet"));

        Assert.That(error!.Message, Is.EqualTo("Unknown operation 'CreateDeploymnet'. Did you mean 'CreateDeployment'? Valid ids are listed in ServerlessOperation. (Parameter 'operation')"));
        Assert.That(Fake.Faults.Rules, Is.Empty);
        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio);
        Assert.That(service.Sid, Does.StartWith("ZS"));
    }

    [Test]
    public void When_OperationConstant_FaultsThatOperation()
    {
        Fake.Faults.When(ServerlessOperation.ListService).RespondWith(503);

        var error = Assert.ThrowsAsync<ApiException>(() => ServiceResource.ReadAsync(client: Twilio));

        Assert.That(error!.Status, Is.EqualTo(503));
    }

    [Test]
    public void RespondWith_CustomCodeAndMessage_AnsweredInTwilioShape()
    {
        Fake.Faults.When("ListService").RespondWith(502, 20999, "Upstream is sad");

        var error = Assert.ThrowsAsync<ApiException>(() => ServiceResource.ReadAsync(client: Twilio));

        Assert.That(error!.Status, Is.EqualTo(502));
        Assert.That(error.Code, Is.EqualTo(20999));
        Assert.That(error.Message, Is.EqualTo("Upstream is sad"));
        Assert.That(error.MoreInfo, Is.EqualTo("https://www.twilio.com/docs/errors/20999"));
    }

    [Test]
    public async Task RespondWith_OnCreateDeployment_NoDeploymentAndEnvironmentKeepsItsBuild()
    {
        var account = Fake.Account();
        var service = account.CreateService("shop");
        var environment = account.CreateEnvironment(service.Sid, "dev");
        var function = account.CreateFunction(service.Sid, "fn");
        var version = account.CreateFunctionVersion(service.Sid, function.Sid, "/fn", "x");
        var build = account.CreateBuild(service.Sid, [version.Sid]);
        account.CompleteBuild(service.Sid, build.Sid);
        Fake.Faults.When("CreateDeployment").InternalServerError();

        var error = Assert.ThrowsAsync<ApiException>(() => DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid, client: Twilio));

        Assert.That(error!.Status, Is.EqualTo(500));
        Assert.That(error.Code, Is.EqualTo(20500));
        Assert.That(Fake.Snapshot().Deployments, Is.Empty);
        var fetched = await EnvironmentResource.FetchAsync(service.Sid, environment.Sid, client: Twilio);
        Assert.That(fetched.BuildSid, Is.Null);
    }

    [Test]
    public async Task TooManyRequests_AnswersWith429And20429AndRetryAfter()
    {
        Fake.Faults.When("ListService").TooManyRequests(TimeSpan.FromSeconds(7));

        using var response = await Http.GetAsync("/v1/Services");
        var error = Assert.ThrowsAsync<ApiException>(() => ServiceResource.ReadAsync(client: Twilio));

        Assert.That((int)response.StatusCode, Is.EqualTo(429));
        Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"code\":20429"));
        Assert.That(error!.Status, Is.EqualTo(429));
        Assert.That(error.Code, Is.EqualTo(20429));
    }

    [Test]
    public async Task Times_Two_FailsTwiceThenSucceeds()
    {
        Fake.Faults.When("CreateService").ServiceUnavailable().Times(2);

        var first = Assert.ThrowsAsync<ApiException>(() => ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio));
        var second = Assert.ThrowsAsync<ApiException>(() => ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio));
        var third = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio);

        Assert.That(new[] { first!.Status, second!.Status }, Is.EqualTo(new[] { 503, 503 }));
        Assert.That(third.UniqueName, Is.EqualTo("shop"));
        Assert.That(Fake.Snapshot().Services.Select(s => s.Sid), Is.EqualTo(new[] { third.Sid }));
        Assert.That(Fake.Faults.Rules.Single().Remaining, Is.Zero);
        Assert.That(Fake.Journal.Entries.Select(e => e.StatusCode), Is.EqualTo(new[] { 503, 503, 201 }));
    }

    [Test]
    public async Task Once_FailsOnlyTheNextMatchingRequest()
    {
        Fake.Faults.When("ListService").InternalServerError().Once();

        var error = Assert.ThrowsAsync<ApiException>(() => ServiceResource.ReadAsync(client: Twilio));
        var services = await ServiceResource.ReadAsync(client: Twilio);

        Assert.That(error!.Code, Is.EqualTo(20500));
        Assert.That(services, Is.Empty);
    }

    [Test]
    public async Task When_ForOneAccount_OtherAccountsAreUnaffected()
    {
        Fake.Faults.When("CreateService", OtherAccount).ServiceUnavailable();
        var other = ClientFor(OtherAccount);

        var mine = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio);
        var error = Assert.ThrowsAsync<ApiException>(() => ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: other));

        Assert.That(mine.Sid, Does.StartWith("ZS"));
        Assert.That(error!.Status, Is.EqualTo(503));
        Assert.That(Fake.Snapshot().Services, Has.Count.EqualTo(1));
        Assert.That(Fake.Snapshot(OtherAccount).Services, Is.Empty);
    }

    [Test]
    public async Task When_ForOneOperation_OtherOperationsAreUnaffected()
    {
        Fake.Faults.When("CreateEnvironment").ServiceUnavailable();

        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio);
        var error = Assert.ThrowsAsync<ApiException>(() => EnvironmentResource.CreateAsync(service.Sid, uniqueName: "dev", client: Twilio));
        var fetched = await ServiceResource.FetchAsync(service.Sid, client: Twilio);

        Assert.That(error!.Status, Is.EqualTo(503));
        Assert.That(fetched.Sid, Is.EqualTo(service.Sid));
        Assert.That(Fake.Snapshot().Environments, Is.Empty);
        Assert.That(Fake.Journal.Failed.Select(e => e.Operation), Is.EqualTo(new[] { "CreateEnvironment" }));
    }

    [Test]
    public async Task When_NoOperation_AppliesToEveryOperation()
    {
        Fake.Faults.When().InternalServerError();

        using var list = await Http.GetAsync("/v1/Services");
        using var fetch = await Http.GetAsync("/v1/Services/ZS00000000000000000000000000000000");

        Assert.That(new[] { (int)list.StatusCode, (int)fetch.StatusCode }, Is.EqualTo(new[] { 500, 500 }));
    }

    [Test]
    public async Task WithLatency_AloneLetsTheRealAnswerThroughAfterTheDelay()
    {
        var latency = TimeSpan.FromMilliseconds(200);
        Fake.Faults.When("ListService").WithLatency(latency);

        var services = await ServiceResource.ReadAsync(client: Twilio);

        Assert.That(services, Is.Empty);
        var entry = Fake.Journal.Entries.Single();
        Assert.That(entry.StatusCode, Is.EqualTo(200));
        Assert.That(entry.Duration, Is.GreaterThanOrEqualTo(latency));
        Assert.That(entry.Fault, Does.Contain("200 ms"));
    }

    [Test]
    public void WithLatency_CombinedWithAnAnswer_DelaysTheError()
    {
        var latency = TimeSpan.FromMilliseconds(150);
        Fake.Faults.When("ListService").WithLatency(latency).ServiceUnavailable();

        var error = Assert.ThrowsAsync<ApiException>(() => ServiceResource.ReadAsync(client: Twilio));

        Assert.That(error!.Status, Is.EqualTo(503));
        Assert.That(Fake.Journal.Entries.Single().Duration, Is.GreaterThanOrEqualTo(latency));
    }

    [Test]
    public void DropConnection_RawClient_ThrowsHttpRequestExceptionAndJournalsStatusZero()
    {
        Fake.Faults.When("ListService").DropConnection();

        Assert.ThrowsAsync<HttpRequestException>(async () =>
        {
            using var response = await Http.GetAsync("/v1/Services");
            await response.Content.ReadAsByteArrayAsync();
        });

        var entry = Fake.Journal.OfOperation("ListService")[0];
        Assert.That(entry.StatusCode, Is.Zero);
        Assert.That(entry.IsFailure, Is.True);
        Assert.That(entry.Fault, Does.Contain("drop connection"));
        Assert.That(entry.ToString(), Does.Contain("dropped"));
        Assert.That(Fake.Journal.Failed, Is.Not.Empty);
    }

    [Test]
    public void DropConnection_Sdk_ThrowsApiConnectionExceptionAndCreatesNothing()
    {
        Fake.Faults.When("CreateService").DropConnection();

        var error = Assert.ThrowsAsync<ApiConnectionException>(() => ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio));

        Assert.That(error!.InnerException, Is.InstanceOf<HttpRequestException>());
        Assert.That(Fake.Snapshot().Services, Is.Empty);
    }

    [Test]
    public async Task DropConnection_Once_NextRequestOnANewClientSucceeds()
    {
        Fake.Faults.When("ListService").DropConnection().Once();
        using var first = CreateRawClient(Fake.AccountSid, Fake.AuthToken);
        using var second = CreateRawClient(Fake.AccountSid, Fake.AuthToken);

        Assert.ThrowsAsync<HttpRequestException>(() => first.GetAsync("/v1/Services"));
        using var response = await second.GetAsync("/v1/Services");

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(Fake.Journal.Entries.Select(e => e.StatusCode), Is.EqualTo(new[] { 0, 200 }));
    }

    [Test]
    public async Task RateLimit_ThirdRequestInOneSecond_Is429UntilTheClockMoves()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        Fake.Faults.RateLimit(2);

        await ServiceResource.ReadAsync(client: Twilio);
        await ServiceResource.ReadAsync(client: Twilio);
        var limited = Assert.ThrowsAsync<ApiException>(() => ServiceResource.ReadAsync(client: Twilio));
        _time.Advance(TimeSpan.FromSeconds(1));
        var again = await ServiceResource.ReadAsync(client: Twilio);

        Assert.That(limited!.Status, Is.EqualTo(429));
        Assert.That(limited.Code, Is.EqualTo(20429));
        Assert.That(again, Is.Empty);
        Assert.That(Fake.Journal.Entries.Select(e => e.StatusCode), Is.EqualTo(new[] { 200, 200, 429, 200 }));
        Assert.That(Fake.Journal.Entries[2].Fault, Does.Contain("rate limit"));
    }

    [Test]
    public async Task RateLimit_CountsEachAccountSeparately()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        Fake.Faults.RateLimit(1);
        var other = ClientFor(OtherAccount);

        await ServiceResource.ReadAsync(client: Twilio);
        var theirs = await ServiceResource.ReadAsync(client: other);
        var mine = Assert.ThrowsAsync<ApiException>(() => ServiceResource.ReadAsync(client: Twilio));

        Assert.That(theirs, Is.Empty);
        Assert.That(mine!.Status, Is.EqualTo(429));
    }

    [Test]
    public async Task RateLimit_WithRetryAfterHeader()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        Fake.Faults.RateLimit(1);

        using var allowed = await Http.GetAsync("/v1/Services");
        using var limited = await Http.GetAsync("/v1/Services");

        Assert.That((int)allowed.StatusCode, Is.EqualTo(200));
        Assert.That((int)limited.StatusCode, Is.EqualTo(429));
        Assert.That(limited.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public async Task Clear_RemovesRulesAndRateLimit()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        Fake.Faults.When("ListService").ServiceUnavailable();
        Fake.Faults.RateLimit(1);

        Fake.Faults.Clear();
        await ServiceResource.ReadAsync(client: Twilio);
        var second = await ServiceResource.ReadAsync(client: Twilio);

        Assert.That(Fake.Faults.Rules, Is.Empty);
        Assert.That(second, Is.Empty);
        Assert.That(Fake.Journal.Failed, Is.Empty);
    }
}
