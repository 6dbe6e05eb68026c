using System.Net.Http.Headers;
using System.Text;
using FakeServerless.Reliability.Support;

namespace FakeServerless.Reliability;

/// <summary>
/// Issue 17, item 2: API keys never change hands. After <c>POST /_fake/reset</c> the next key is a new one (not the first key
/// again), and a key whose account was reset — the whole fake, one account, or a test scope — answers 401 whether credentials
/// are strict or not (it must not fall under "unknown SK key → default account").
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class ApiKeyLifecycleTests
{
    private const string Default = "AC00000000000000000000000000000001";
    private const string Other = "AC0000000000000000000000000000000b";

    [TestCase(false)]
    [TestCase(true)]
    public async Task Reset_OldKeyRefusedAndNextKeyIsNew(bool strict)
    {
        using var cli = await CliProcess.StartAsync(strict ? ["--strict-credentials", "--seed", "7"] : ["--seed", "7"]);
        using var control = new ControlClient(cli.Url);
        var first = await control.PostAsync("/_fake/keys", $$"""{"account_sid":"{{Other}}"}""");

        await control.PostAsync("/_fake/reset");
        var next = await control.PostAsync("/_fake/keys", $$"""{"account_sid":"{{Default}}"}""");
        var (status, _) = await CreateServiceAsync(cli.Url, first.Field("sid"), first.Field("secret"));

        Assert.That(first.Status, Is.EqualTo(201));
        Assert.That(next.Field("sid"), Is.Not.EqualTo(first.Field("sid")), "the key generator must not restart with the seed");
        Assert.That(next.Field("secret"), Is.Not.EqualTo(first.Field("secret")));
        Assert.That(status, Is.EqualTo(401));
        Assert.That((await control.GetAsync("/_fake/state")).Body, Does.Not.Contain("\"unique_name\":\"stolen\""));
    }

    [Test]
    public async Task ResetOneAccount_ItsOldKeyRefusedOtherKeysWork()
    {
        using var cli = await CliProcess.StartAsync();
        using var control = new ControlClient(cli.Url);
        var forgotten = await control.PostAsync("/_fake/keys", $$"""{"account_sid":"{{Other}}"}""");
        var kept = await control.PostAsync("/_fake/keys", $$"""{"account_sid":"{{Default}}"}""");

        await control.PostAsync($"/_fake/reset?AccountSid={Other}");
        var (refused, _) = await CreateServiceAsync(cli.Url, forgotten.Field("sid"), forgotten.Field("secret"));
        var (accepted, _) = await CreateServiceAsync(cli.Url, kept.Field("sid"), kept.Field("secret"));

        Assert.That(refused, Is.EqualTo(401), "not 'unknown key → default account'");
        Assert.That(accepted, Is.EqualTo(201));
    }

    [Test]
    public async Task ScopeDisposed_ItsKeyRefused()
    {
        await using var fake = FakeServerlessServer.Start();
        var scope = fake.CreateScope("reliability-keys");
        var key = fake.CreateApiKey(scope.AccountSid);

        scope.Dispose();
        var (status, _) = await CreateServiceAsync(fake.Url, key.Sid, key.Secret);

        Assert.That(status, Is.EqualTo(401));
        Assert.That(fake.Snapshot().Services, Is.Empty);
    }

    [Test]
    public async Task SameSeed_TwoFakes_NeverTheSameKey()
    {
        using var first = await CliProcess.StartAsync(["--seed", "42"]);
        using var second = await CliProcess.StartAsync(["--seed", "42"]);
        using var a = new ControlClient(first.Url);
        using var b = new ControlClient(second.Url);

        var keyA = await a.PostAsync("/_fake/keys");
        var keyB = await b.PostAsync("/_fake/keys");

        Assert.That(keyA.Field("sid"), Is.Not.EqualTo(keyB.Field("sid")));
        Assert.That(keyA.Field("secret"), Is.Not.EqualTo(keyB.Field("secret")));
    }

    private static async Task<(int Status, string Body)> CreateServiceAsync(Uri url, string user, string secret)
    {
        using var http = new HttpClient { BaseAddress = url };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/Services")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["UniqueName"] = "stolen", ["FriendlyName"] = "Stolen" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{secret}")));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        TwilioShape.Check($"POST /v1/Services as {user}", (int)response.StatusCode, body, isHead: false);
        return ((int)response.StatusCode, body);
    }
}
