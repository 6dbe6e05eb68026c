using System.Net.Http.Headers;
using FakeServerless.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Twilio.Exceptions;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Tests.Journal;

[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class RequestJournalTests(FakeServerlessTransport transport) : FakeTestBase(transport)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private Action<FakeServerlessOptions>? _configure;

    protected override FakeServerlessOptions Configure(FakeServerlessOptions options)
    {
        _configure?.Invoke(options);
        return options;
    }

    private string ExpectedTransport => Transport == FakeServerlessTransport.Http ? "http" : "in-memory";

    [Test]
    public async Task Entries_SdkCalls_RecordTwilioOperationNamesInOrder()
    {
        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio);
        var environment = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "dev", domainSuffix: "dev", client: Twilio);
        var function = Fake.Account().CreateFunction(service.Sid, "hello");
        var version = Fake.Account().CreateFunctionVersion(service.Sid, function.Sid, "/hello", "exports.handler = () => {};");
        var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [version.Sid], client: Twilio);
        await BuildResource.FetchAsync(service.Sid, build.Sid, client: Twilio);
        await DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid, client: Twilio);

        Assert.That(
            Fake.Journal.Entries.Select(e => e.Operation),
            Is.EqualTo(new[] { "CreateService", "CreateEnvironment", "CreateBuild", "FetchBuild", "CreateDeployment" }));
        Assert.That(Fake.Journal.OfOperation("CreateDeployment"), Has.Count.EqualTo(1));
        Assert.That(Fake.Journal.OfOperation("CreateDeployment")[0].Parameter("BuildSid"), Is.EqualTo(build.Sid));
    }

    [Test]
    public async Task Entries_Upload_RecordedAsCreateFunctionVersionOnUploadHost()
    {
        var account = Fake.Account();
        var service = account.CreateService("shop");
        var function = account.CreateFunction(service.Sid, "hello");
        using var upload = new MultipartFormDataContent
        {
            { new StringContent("/hello"), "Path" },
            { new StringContent("protected"), "Visibility" },
        };
        var code = new ByteArrayContent("exports.handler = () => {};"u8.ToArray());
        code.Headers.ContentType = new MediaTypeHeaderValue("application/javascript");
        upload.Add(code, "Content", "hello.js");

        using var response = await Http.PostAsync($"https://serverless-upload.twilio.com/v1/Services/{service.Sid}/Functions/{function.Sid}/Versions", upload);

        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        var entry = Fake.Journal.Entries.Single();
        Assert.That(entry.Operation, Is.EqualTo("CreateFunctionVersion"));
        Assert.That(entry.Method, Is.EqualTo("POST"));
        Assert.That(entry.Path, Is.EqualTo($"/v1/Services/{service.Sid}/Functions/{function.Sid}/Versions"));
        Assert.That(entry.Parameter("Path"), Is.EqualTo("/hello"));
        Assert.That(entry.Parameter("Visibility"), Is.EqualTo("protected"));
        Assert.That(entry.StatusCode, Is.EqualTo(201));
    }

    [Test]
    public async Task Entries_RepeatedFunctionVersions_KeepEveryValueInOrder()
    {
        var account = Fake.Account();
        var service = account.CreateService("shop");
        var function = account.CreateFunction(service.Sid, "fn");
        var first = account.CreateFunctionVersion(service.Sid, function.Sid, "/a", "a");
        var second = account.CreateFunctionVersion(service.Sid, function.Sid, "/b", "b");

        await BuildResource.CreateAsync(service.Sid, functionVersions: [first.Sid, second.Sid], dependencies: "{\"twilio\":\"5.0.0\"}", client: Twilio);

        var entry = Fake.Journal.OfOperation("CreateBuild").Single();
        Assert.That(entry.Parameters["FunctionVersions"], Is.EqualTo(new[] { first.Sid, second.Sid }));
        Assert.That(entry.Parameter("FunctionVersions"), Is.EqualTo(first.Sid));
        Assert.That(entry.Parameter("Dependencies"), Is.EqualTo("{\"twilio\":\"5.0.0\"}"));
        Assert.That(entry.Parameter("AssetVersions"), Is.Null);
    }

    [Test]
    public void Entries_NotFound_RecordStatusErrorCodeAccountAndTransport()
    {
        var error = Assert.ThrowsAsync<ApiException>(() => ServiceResource.FetchAsync("ZS00000000000000000000000000000000", client: Twilio));

        Assert.That(error!.Status, Is.EqualTo(404));
        var entry = Fake.Journal.Entries.Single();
        Assert.That(entry.Operation, Is.EqualTo("FetchService"));
        Assert.That(entry.StatusCode, Is.EqualTo(404));
        Assert.That(entry.ErrorCode, Is.EqualTo(20404));
        Assert.That(entry.AccountSid, Is.EqualTo(Fake.AccountSid));
        Assert.That(entry.Transport, Is.EqualTo(ExpectedTransport));
        Assert.That(entry.IsFailure, Is.True);
        Assert.That(Fake.Journal.Failed, Is.EqualTo(new[] { entry }));
        Assert.That(Fake.Journal.OfAccount(Fake.AccountSid), Is.EqualTo(new[] { entry }));
    }

    [Test]
    public async Task Entries_Success_HaveNoErrorCodeAndAreNotFailures()
    {
        await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "shop", client: Twilio);

        var entry = Fake.Journal.Entries.Single();
        Assert.That(entry.StatusCode, Is.EqualTo(201));
        Assert.That(entry.ErrorCode, Is.Null);
        Assert.That(entry.IsFailure, Is.False);
        Assert.That(entry.Fault, Is.Null);
        Assert.That(entry.Parameter("UniqueName"), Is.EqualTo("shop"));
        Assert.That(Fake.Journal.Failed, Is.Empty);
    }

    [Test]
    public async Task Unmatched_UnknownPath_RecordedAsUnmatched404()
    {
        using var response = await Http.GetAsync("/v1/Nothing/Here");

        Assert.That((int)response.StatusCode, Is.EqualTo(404));
        var entry = Fake.Journal.Unmatched.Single();
        Assert.That(entry.Operation, Is.EqualTo(RequestJournal.UnmatchedOperation));
        Assert.That(entry.IsUnmatched, Is.True);
        Assert.That(entry.Path, Is.EqualTo("/v1/Nothing/Here"));
        Assert.That(entry.StatusCode, Is.EqualTo(404));
        Assert.That(entry.ErrorCode, Is.EqualTo(20404));
    }

    [Test]
    public async Task OfOperation_UnmatchedConstant_ReturnsTheUnmatchedRequests()
    {
        using var response = await Http.GetAsync("/v1/Nothing/Here");

        Assert.That(Fake.Journal.OfOperation(ServerlessOperation.Unmatched).Single().Path, Is.EqualTo("/v1/Nothing/Here"));
    }

    [Test]
    public async Task OfOperation_MisspelledId_ThrowsNamingTheClosestIdInsteadOfMatchingNothing()
    {
        await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio);

        var error = Assert.Throws<ArgumentException>(() => Fake.Journal.OfOperation("CreateServices"));

        Assert.That(error!.Message, Is.EqualTo("Unknown operation 'CreateServices'. Did you mean 'CreateService'? Valid ids are listed in ServerlessOperation. (Parameter 'operation')"));
        Assert.That(Fake.Journal.OfOperation(ServerlessOperation.CreateService), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Entries_Unauthenticated_RecordedWithoutAccountAs401()
    {
        using var anonymous = CreateRawClient(null, null);

        using var response = await anonymous.GetAsync("/v1/Services");

        Assert.That((int)response.StatusCode, Is.EqualTo(401));
        var entry = Fake.Journal.Entries.Single();
        Assert.That(entry.Operation, Is.EqualTo("ListService"));
        Assert.That(entry.AccountSid, Is.Null);
        Assert.That(entry.ErrorCode, Is.EqualTo(20003));
    }

    [Test]
    public async Task Entries_DomainRequest_RecordedAsServeDomainWithItsHost()
    {
        var account = Fake.Account();
        var service = account.CreateService("shop");
        var environment = account.CreateEnvironment(service.Sid, "dev", "dev");
        var function = account.CreateFunction(service.Sid, "hello");
        var version = account.CreateFunctionVersion(service.Sid, function.Sid, "/hello", "exports.handler = () => {};");
        var build = account.CreateBuild(service.Sid, [version.Sid]);
        account.CompleteBuild(service.Sid, build.Sid);
        account.Deploy(service.Sid, environment.Sid, build.Sid);

        using var response = await Http.GetAsync($"https://{environment.DomainName}/hello");

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        var entry = Fake.Journal.Entries.Single();
        Assert.That(entry.Operation, Is.EqualTo("ServeDomain"));
        Assert.That(entry.Host, Does.StartWith(environment.DomainName));
        Assert.That(entry.Path, Is.EqualTo("/hello"));
        Assert.That(entry.AccountSid, Is.Null);
    }

    [Test]
    public async Task Entries_OtherAccount_FilteredByOfAccount()
    {
        const string other = "AC00000000000000000000000000000002";
        using var otherClient = CreateRawClient(other, "other-token");

        using var mine = await Http.GetAsync("/v1/Services");
        using var theirs = await otherClient.GetAsync("/v1/Services");

        Assert.That(Fake.Journal.OfAccount(other).Select(e => e.AccountSid), Is.EqualTo(new[] { other }));
        Assert.That(Fake.Journal.OfAccount(Fake.AccountSid), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Entries_PastJournalCapacity_KeepOnlyTheNewest()
    {
        _configure = o => o.JournalCapacity = 3;

        for (var i = 0; i < 5; i++)
        {
            using var response = await Http.GetAsync($"/v1/Services?PageSize={i + 1}");
        }

        Assert.That(Fake.Journal.Entries.Select(e => e.Parameter("PageSize")), Is.EqualTo(new[] { "3", "4", "5" }));
    }

    [Test]
    public async Task EntryAdded_EachRequest_RaisedWithTheEntry()
    {
        var seen = new List<JournalEntry>();
        Fake.Journal.EntryAdded += e =>
        {
            lock (seen)
            {
                seen.Add(e);
            }
        };

        await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "shop", client: Twilio);
        await ServiceResource.ReadAsync(client: Twilio);

        Assert.That(seen.Select(e => e.Operation), Is.EqualTo(new[] { "CreateService", "ListService" }));
        Assert.That(seen, Is.EqualTo(Fake.Journal.Entries));
    }

    [Test]
    public async Task Timestamp_FakeTimeProvider_IsTheFakesClock()
    {
        var time = new FakeTimeProvider(Start);
        _configure = o => o.TimeProvider = time;

        await ServiceResource.CreateAsync(uniqueName: "first", friendlyName: "first", client: Twilio);
        time.Advance(TimeSpan.FromMinutes(5));
        var second = await ServiceResource.CreateAsync(uniqueName: "second", friendlyName: "second", client: Twilio);

        Assert.That(Fake.Journal.Entries.Select(e => e.Timestamp), Is.EqualTo(new[] { Start, Start.AddMinutes(5) }));
        Assert.That(second.DateCreated, Is.EqualTo(Start.AddMinutes(5).UtcDateTime));
    }

    [Test]
    public async Task Clear_AfterRequests_EmptiesOnlyTheJournal()
    {
        Fake.Account().CreateService("kept");
        using var response = await Http.GetAsync("/v1/Services");

        Fake.Journal.Clear();

        Assert.That(Fake.Journal.Entries, Is.Empty);
        Assert.That(Fake.Snapshot().Services.Select(s => s.UniqueName), Is.EqualTo(new[] { "kept" }));
    }

    [Test]
    public async Task Reset_AfterActivity_ClearsJournalFaultsAndStateAndRestartsSids()
    {
        var first = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "shop", client: Twilio);
        var firstEnvironment = await EnvironmentResource.CreateAsync(first.Sid, uniqueName: "dev", client: Twilio);
        Fake.Faults.When("FetchService").ServiceUnavailable();
        Fake.Faults.RateLimit(100);

        Fake.Reset();

        Assert.That(Fake.Journal.Entries, Is.Empty);
        Assert.That(Fake.Faults.Rules, Is.Empty);
        Assert.That(Fake.Snapshot().Services, Is.Empty);
        Assert.That(Fake.Snapshot().Environments, Is.Empty);
        var again = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "shop", client: Twilio);
        var againEnvironment = await EnvironmentResource.CreateAsync(again.Sid, uniqueName: "dev", client: Twilio);
        Assert.That(again.Sid, Is.EqualTo(first.Sid));
        Assert.That(againEnvironment.Sid, Is.EqualTo(firstEnvironment.Sid));
        Assert.That(againEnvironment.DomainName, Is.EqualTo(firstEnvironment.DomainName));
        var fetched = await ServiceResource.FetchAsync(again.Sid, client: Twilio);
        Assert.That(fetched.UniqueName, Is.EqualTo("shop"));
        Assert.That(Fake.Journal.Entries.Select(e => e.Operation), Is.EqualTo(new[] { "CreateService", "CreateEnvironment", "FetchService" }));
    }

    [Test]
    public async Task Seed_SameSeedOnTwoFakes_SameSidsAndDomains()
    {
        _configure = o => o.Seed = 42;
        var here = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "shop", client: Twilio);
        var hereEnvironment = await EnvironmentResource.CreateAsync(here.Sid, uniqueName: "dev", client: Twilio);

        using var twin = FakeServerlessServer.Start(new FakeServerlessOptions { Transport = Transport, Seed = 42 });
        var twinService = twin.Account().CreateService("shop");
        var twinEnvironment = twin.Account().CreateEnvironment(twinService.Sid, "dev");
        using var other = FakeServerlessServer.Start(new FakeServerlessOptions { Transport = Transport, Seed = 43 });
        var otherService = other.Account().CreateService("shop");

        Assert.That(twinService.Sid, Is.EqualTo(here.Sid));
        Assert.That(twinEnvironment.Sid, Is.EqualTo(hereEnvironment.Sid));
        Assert.That(twinEnvironment.DomainName, Is.EqualTo(hereEnvironment.DomainName));
        Assert.That(otherService.Sid, Is.Not.EqualTo(here.Sid));
        Assert.That(here.Sid, Does.Match("^ZS[0-9a-f]{32}$"));
    }
}
