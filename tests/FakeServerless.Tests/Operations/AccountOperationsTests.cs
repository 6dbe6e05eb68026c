using System.Text.Json;
using FakeServerless.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Api.V2010;
using Twilio.Rest.Api.V2010.Account;
using Twilio.Rest.Serverless.V1;

namespace FakeServerless.Tests.Operations;

/// <summary>
/// The 2010 API calls of the Twilio CLI's set-up (<c>twilio profiles:create</c>), through the Twilio C# SDK: fetch the account
/// (RFC 2822 dates, the fake's auth token), create an API key that then authenticates Serverless calls as that account.
/// </summary>
[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class AccountOperationsTests(FakeServerlessTransport transport) : OperationsTestBase(transport)
{
    private const string Owner = "AC000000000000000000000000000000e7";

    private static readonly DateTimeOffset Now = new(2026, 7, 14, 9, 30, 5, TimeSpan.Zero);

    protected override FakeServerlessOptions Configure(FakeServerlessOptions options)
    {
        options.TimeProvider = new FakeTimeProvider(Now);
        return options;
    }

    private TwilioRestClient ClientOf(string user, string password, string? accountSid = null) =>
        new(user, password, accountSid: accountSid, httpClient: new SystemNetHttpClient(Fake.CreateHttpClient()));

    [Test]
    public async Task FetchAccount_OwnSid_TheAccountInTheTwoThousandTenFormat()
    {
        var account = await AccountResource.FetchAsync(pathSid: Owner, client: ClientOf(Owner, "any-token"));

        Assert.Multiple(() =>
        {
            Assert.That((account.Sid, account.OwnerAccountSid), Is.EqualTo((Owner, Owner)));
            Assert.That(account.AuthToken, Is.EqualTo(Fake.AuthToken), "the token that signs its requests");
            Assert.That(account.Status, Is.EqualTo(AccountResource.StatusEnum.Active));
            Assert.That(account.Type, Is.EqualTo(AccountResource.TypeEnum.Full));
            Assert.That(account.DateCreated, Is.EqualTo(Now.UtcDateTime), "RFC 2822, parsed by the SDK");
            Assert.That(account.Uri, Is.EqualTo($"/2010-04-01/Accounts/{Owner}.json"));
            Assert.That(account.SubresourceUris["keys"], Is.EqualTo($"/2010-04-01/Accounts/{Owner}/Keys.json"));
        });
        var entry = Fake.Journal.Entries.Single();
        Assert.That((entry.Operation, entry.Path, entry.AccountSid), Is.EqualTo(("FetchAccount", $"/2010-04-01/Accounts/{Owner}.json", Owner)));
    }

    [Test]
    public async Task FetchAccount_RawBody_DatesAreRfc2822()
    {
        using var response = await CreateRawClient(Owner, "t").GetAsync($"https://api.twilio.com/2010-04-01/Accounts/{Owner}.json");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(body.RootElement.GetProperty("date_created").GetString(), Is.EqualTo("Tue, 14 Jul 2026 09:30:05 +0000"));
        Assert.That(body.RootElement.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[]
        {
            "auth_token", "date_created", "date_updated", "friendly_name", "owner_account_sid", "sid", "status", "subresource_uris", "type", "uri",
        }));
    }

    [Test]
    public async Task FetchAccount_AnotherAccountsSid_404()
    {
        var error = await ApiErrorAsync(() => AccountResource.FetchAsync(pathSid: Fake.AccountSid, client: ClientOf(Owner, "t")));

        AssertError(error, 404, 20404);
    }

    [Test]
    public async Task FetchAccount_WrongPassword_401()
    {
        using var strict = FakeServerlessServer.Start(new FakeServerlessOptions { Transport = Transport, RequireExactCredentials = true });
        var client = new TwilioRestClient(strict.AccountSid, "wrong", httpClient: new SystemNetHttpClient(strict.CreateHttpClient()));

        var error = await ApiErrorAsync(() => AccountResource.FetchAsync(pathSid: strict.AccountSid, client: client));

        AssertError(error, 401, 20003);
    }

    [Test]
    public async Task CreateNewKey_WithFriendlyName_ItsSecretAuthenticatesServerlessCallsAsTheAccount()
    {
        Fake.Account(Owner).CreateService("keyed");

        var key = await NewKeyResource.CreateAsync(friendlyName: "twilio-cli for me on laptop", client: ClientOf(Owner, "t"));
        var services = await ServiceResource.ReadAsync(client: ClientOf(key.Sid, key.Secret, Owner));

        Assert.Multiple(() =>
        {
            Assert.That(key.Sid, Does.Match("^SK[0-9a-f]{32}$"));
            Assert.That(key.Secret, Has.Length.EqualTo(32));
            Assert.That(key.FriendlyName, Is.EqualTo("twilio-cli for me on laptop"));
            Assert.That((key.DateCreated, key.DateUpdated), Is.EqualTo(((DateTime?)Now.UtcDateTime, (DateTime?)Now.UtcDateTime)));
            Assert.That(Fake.ExportState().ApiKeys, Is.EqualTo(new[] { new ApiKey(key.Sid, key.Secret, Owner) }));
            Assert.That(services.Select(s => s.UniqueName), Is.EqualTo(new[] { "keyed" }));
        });
        Assert.That(Fake.Journal.Entries.Select(e => (e.Operation, e.StatusCode, e.ApiKeySid)), Is.EqualTo(new[]
        {
            ("CreateNewKey", 201, (string?)null),
            ("ListService", 200, key.Sid),
        }));
    }

    [Test]
    public async Task CreateNewKey_WrongSecretLater_401()
    {
        var key = await NewKeyResource.CreateAsync(client: ClientOf(Owner, "t"));

        var error = await ApiErrorAsync(() => ServiceResource.ReadAsync(client: ClientOf(key.Sid, key.Secret + "x", Owner)));

        AssertError(error, 401, 20003);
        Assert.That(key.FriendlyName, Is.Null);
    }

    [Test]
    public async Task CreateNewKey_ForAnotherAccount_404AndNoKey()
    {
        var error = await ApiErrorAsync(() => NewKeyResource.CreateAsync(pathAccountSid: Fake.AccountSid, client: ClientOf(Owner, "t")));

        AssertError(error, 404, 20404);
        Assert.That(Fake.ExportState().ApiKeys, Is.Empty);
    }

    [Test]
    public async Task CreateNewKey_FriendlyNameOver64Characters_400AndNoKey()
    {
        var error = await ApiErrorAsync(() => NewKeyResource.CreateAsync(friendlyName: new string('k', 65), client: ClientOf(Owner, "t")));

        AssertError(error, 400, 20001, "FriendlyName must be 64 characters or less in length.");
        Assert.That(Fake.ExportState().ApiKeys, Is.Empty);
    }
}
