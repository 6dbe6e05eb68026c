using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace FakeServerless.Tests.State;

/// <summary>An account with no state reads as empty and is created by its first write only: a read (GET or Snapshot) changes nothing.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class ReadsNeverCreateTests
{
    private const string Stranger = "AC" + "5555555555555555555555555555aaaa";

    [TestCase("/v1/Services", HttpStatusCode.OK)]
    [TestCase("/v1/Services/ZS00000000000000000000000000000001", HttpStatusCode.NotFound)]
    [TestCase("/v1/Services/shop/Environments", HttpStatusCode.NotFound)]
    [TestCase("/v1/Services/shop/Builds", HttpStatusCode.NotFound)]
    public async Task Get_AccountWithNoState_AnswersAsEmptyAndCreatesNoAccount(string path, HttpStatusCode expected)
    {
        using var fake = FakeServerlessServer.StartInMemory();
        using var http = Client(fake, Stranger);

        using var response = await http.GetAsync(new Uri(FakeServerlessServer.InMemoryUrl, path));

        Assert.That(response.StatusCode, Is.EqualTo(expected));
        Assert.That(fake.ExportState().Accounts.Select(a => a.AccountSid), Does.Not.Contain(Stranger));
    }

    [Test]
    public void Snapshot_AccountWithNoState_IsEmptyAndCreatesNoAccount()
    {
        using var fake = FakeServerlessServer.StartInMemory();

        var snapshot = fake.Snapshot(Stranger);

        Assert.That(snapshot.Services, Is.Empty);
        Assert.That(snapshot.AccountSid, Is.EqualTo(Stranger));
        Assert.That(fake.ExportState().Accounts, Is.Empty);
    }

    [Test]
    public async Task Post_AccountWithNoState_CreatesItWithItsFirstWrite()
    {
        using var fake = FakeServerlessServer.StartInMemory();
        using var http = Client(fake, Stranger);

        using var response = await http.PostAsync(
            new Uri(FakeServerlessServer.InMemoryUrl, "/v1/Services"),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["UniqueName"] = "shop", ["FriendlyName"] = "Shop" }));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(fake.ExportState().Accounts.Select(a => a.AccountSid), Is.EqualTo(new[] { Stranger }));
    }

    private static HttpClient Client(FakeServerlessServer fake, string accountSid)
    {
        var http = fake.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{accountSid}:token")));
        return http;
    }
}
