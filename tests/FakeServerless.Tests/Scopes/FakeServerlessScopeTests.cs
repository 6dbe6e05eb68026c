using System.Net;
using System.Text.RegularExpressions;
using FakeServerless.Tests.Support;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Serverless.V1;

namespace FakeServerless.Tests.Scopes;

[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed partial class FakeServerlessScopeTests(FakeServerlessTransport transport) : FakeTestBase(transport)
{
    [GeneratedRegex("^AC[0-9a-f]{32}$")]
    private static partial Regex AccountSidPattern();

    private static TwilioRestClient TwilioFor(FakeServerlessScope scope) =>
        new(scope.AccountSid, scope.AuthToken, httpClient: new SystemNetHttpClient(scope.CreateHttpClient()));

    [Test]
    public void AccountSidFor_SameName_SameWellFormedSidEveryTime()
    {
        var sid = FakeServerlessScope.AccountSidFor("MyTests.Deploy_Works");

        Assert.That(sid, Does.Match(AccountSidPattern()));
        Assert.That(FakeServerlessScope.AccountSidFor("MyTests.Deploy_Works"), Is.EqualTo(sid));
        Assert.That(FakeServerlessScope.AccountSidFor("MyTests.Deploy_Fails"), Is.Not.EqualTo(sid));
    }

    [Test]
    public void CreateScope_Named_GetsTheSidOfItsName()
    {
        using var scope = Fake.CreateScope("MyTests.Deploy_Works");

        Assert.That(scope.Name, Is.EqualTo("MyTests.Deploy_Works"));
        Assert.That(scope.AccountSid, Is.EqualTo(FakeServerlessScope.AccountSidFor("MyTests.Deploy_Works")));
        Assert.That(scope.AccountSid, Is.Not.EqualTo(Fake.AccountSid));
        Assert.That(scope.AuthToken, Is.EqualTo(Fake.AuthToken));
    }

    [Test]
    public void CreateScope_NameAlreadyLive_GetsNumberedNameAndOtherAccount()
    {
        using var first = Fake.CreateScope("same");
        using var second = Fake.CreateScope("same");

        Assert.That(second.Name, Is.EqualTo("same#2"));
        Assert.That(second.AccountSid, Is.Not.EqualTo(first.AccountSid));
    }

    [Test]
    public void CreateScope_Unnamed_NamedByCreationOrder()
    {
        using var first = Fake.CreateScope();
        using var second = Fake.CreateScope();

        Assert.That(new[] { first.Name, second.Name }, Is.EqualTo(new[] { "scope-1", "scope-2" }));
        Assert.That(first.AccountSid, Is.EqualTo(FakeServerlessScope.AccountSidFor("scope-1")));
    }

    [Test]
    public async Task CreateScope_SameUniqueNameInManyParallelScopes_NoConflicts()
    {
        var scopes = Enumerable.Range(0, 16).Select(i => Fake.CreateScope($"parallel-{i}")).ToList();

        var services = await Task.WhenAll(scopes.Select(s => ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: TwilioFor(s))));

        Assert.That(services.Select(s => s.AccountSid), Is.EqualTo(scopes.Select(s => s.AccountSid)));
        Assert.That(services.Select(s => s.Sid).Distinct().Count(), Is.EqualTo(16));
        Assert.That(scopes.Select(s => s.Snapshot().Services.Count), Is.All.EqualTo(1));
        scopes.ForEach(s => s.Dispose());
    }

    [Test]
    public async Task Scope_OtherScopesServices_NotVisible()
    {
        using var mine = Fake.CreateScope("mine");
        using var theirs = Fake.CreateScope("theirs");
        await ServiceResource.CreateAsync(uniqueName: "theirs", friendlyName: "Theirs", client: TwilioFor(theirs));
        mine.Account.CreateService("mine");

        var listed = await ServiceResource.ReadAsync(client: TwilioFor(mine));

        Assert.That(listed.Select(s => s.UniqueName), Is.EqualTo(new[] { "mine" }));
        Assert.That(theirs.Snapshot().Services.Select(s => s.UniqueName), Is.EqualTo(new[] { "theirs" }));
    }

    [Test]
    public async Task Journal_RequestsOfTwoScopes_EachHoldsOnlyItsOwnIncludingDomainRequests()
    {
        using var mine = Fake.CreateScope("mine");
        using var theirs = Fake.CreateScope("theirs");
        var service = mine.Account.CreateService("shop");
        var environment = mine.Account.CreateEnvironment("shop", "dev", "dev");
        await ServiceResource.ReadAsync(client: TwilioFor(mine));
        await ServiceResource.ReadAsync(client: TwilioFor(theirs));
        await mine.CreateHttpClient().GetAsync($"https://{environment.DomainName}/missing");

        Assert.That(mine.Journal.Entries.Select(e => e.Operation), Is.EqualTo(new[] { "ListService", "ServeDomain" }));
        Assert.That(theirs.Journal.Entries.Select(e => e.AccountSid), Is.EqualTo(new[] { theirs.AccountSid }));
        Assert.That(Fake.Journal.Entries, Has.Count.EqualTo(3));
        Assert.That(service.AccountSid, Is.EqualTo(mine.AccountSid));
    }

    [Test]
    public async Task CreateHttpClient_RawRequest_AuthenticatedAsTheScopeAccount()
    {
        using var scope = Fake.CreateScope();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["UniqueName"] = "raw", ["FriendlyName"] = "Raw" });

        var response = await scope.CreateHttpClient().PostAsync("/v1/Services", form);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(scope.Snapshot().Services.Single().AccountSid, Is.EqualTo(scope.AccountSid));
        Assert.That(Fake.Snapshot().Services, Is.Empty);
    }

    [Test]
    public async Task Fault_OnOneScope_OtherScopesUnaffected()
    {
        using var faulty = Fake.CreateScope("faulty");
        using var healthy = Fake.CreateScope("healthy");
        faulty.Fault("CreateService").InternalServerError();

        var failure = Assert.ThrowsAsync<ApiException>(() => ServiceResource.CreateAsync(uniqueName: "a", friendlyName: "A", client: TwilioFor(faulty)));
        var created = await ServiceResource.CreateAsync(uniqueName: "a", friendlyName: "A", client: TwilioFor(healthy));

        Assert.That(failure!.Status, Is.EqualTo(500));
        Assert.That(created.UniqueName, Is.EqualTo("a"));
        faulty.Dispose();
        Assert.That(Fake.Faults.Rules, Is.Empty);
    }

    [Test]
    public async Task Reset_StateJournalAndFaults_ForgottenButSidKept()
    {
        using var scope = Fake.CreateScope("resettable");
        using var other = Fake.CreateScope("other");
        other.Account.CreateService("kept");
        await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: TwilioFor(scope));
        scope.Fault("ListService").ServiceUnavailable();

        scope.Reset();

        Assert.That(scope.Snapshot().Services, Is.Empty);
        Assert.That(scope.Journal.Entries, Is.Empty);
        Assert.That(Fake.Faults.Rules, Is.Empty);
        Assert.That(scope.AccountSid, Is.EqualTo(FakeServerlessScope.AccountSidFor("resettable")));
        Assert.That(other.Snapshot().Services, Has.Length.EqualTo(1));
        var again = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: TwilioFor(scope));
        Assert.That(again.UniqueName, Is.EqualTo("shop"));
    }

    [Test]
    public async Task Dispose_SeededAccount_StateForgottenDomainFreedClientsDisposed()
    {
        var scope = Fake.CreateScope("disposable");
        scope.Account.CreateService("shop");
        var environment = scope.Account.CreateEnvironment("shop", "dev", "dev");
        var client = scope.CreateHttpClient();
        var sid = scope.AccountSid;

        scope.Dispose();

        Assert.That(Fake.Snapshot(sid).Services, Is.Empty);
        Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetAsync("/v1/Services"));
        Assert.Throws<ObjectDisposedException>(() => scope.CreateHttpClient());
        var domain = await Http.GetAsync($"https://{environment.DomainName}/");
        Assert.That(domain.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        using var reused = Fake.CreateScope("disposable");
        Assert.That(reused.AccountSid, Is.EqualTo(sid));
        Assert.That(reused.Snapshot().Services, Is.Empty);
    }

    [Test]
    public async Task Dispose_AfterwardsRequestsOfThatAccount_NotJournaledByTheScope()
    {
        var scope = Fake.CreateScope();
        scope.Dispose();

        await CreateRawClient(scope.AccountSid, scope.AuthToken).GetAsync("/v1/Services");

        Assert.That(scope.Journal.Entries, Is.Empty);
        Assert.That(Fake.Journal.OfAccount(scope.AccountSid), Has.Count.EqualTo(1));
    }

    [Test]
    public void CreateScope_RequireExactCredentials_UsesTheConfiguredAccountOneAtATime()
    {
        using var fake = FakeServerlessServer.Start(new FakeServerlessOptions { Transport = Transport, RequireExactCredentials = true });

        var first = fake.CreateScope("first");
        var second = Assert.Throws<InvalidOperationException>(() => fake.CreateScope("second"));
        first.Dispose();
        using var third = fake.CreateScope();

        Assert.That(first.AccountSid, Is.EqualTo(fake.AccountSid));
        Assert.That(second!.Message, Does.Contain("only one scope can be live at a time"));
        Assert.That(third.AccountSid, Is.EqualTo(fake.AccountSid));
    }

    [Test]
    public void CreateScope_ServerDisposed_Throws()
    {
        var fake = FakeServerlessServer.Start(new FakeServerlessOptions { Transport = Transport });
        fake.Dispose();

        Assert.Throws<ObjectDisposedException>(() => fake.CreateScope());
    }
}
