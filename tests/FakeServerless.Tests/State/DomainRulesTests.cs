using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace FakeServerless.Tests.State;

/// <summary>
/// Issue 8 items 1 and 2 over HTTP: a domain name belongs to one environment across every account for as long as it exists,
/// and picking a domain base is bounded.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class DomainRulesTests
{
    private const string AccountA = "AC" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string AccountB = "AC" + "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    [Test]
    public async Task CreateEnvironment_AnotherAccountsFullDomain_Is409AndTheOwnerKeepsServing()
    {
        using var fake = FakeServerlessServer.StartInMemory();
        using var a = Client(fake, AccountA);
        using var b = Client(fake, AccountB);
        // A's base is shop-NNNN; B names its service after it, so B's base is shop-NNNN-MMMM.
        var baseA = (await PostAsync(a, "/v1/Services", ("UniqueName", "shop"), ("FriendlyName", "A"))).GetProperty("domain_base").GetString()!;
        var serviceB = await PostAsync(b, "/v1/Services", ("UniqueName", baseA), ("FriendlyName", "B"));
        var digitsB = serviceB.GetProperty("domain_base").GetString()![(baseA.Length + 1)..];
        var environmentA = await PostAsync(a, "/v1/Services/shop/Environments", ("UniqueName", "dev"), ("DomainSuffix", digitsB + "-dev"));
        var domain = environmentA.GetProperty("domain_name").GetString()!;
        DeployAsset(fake, AccountA, "shop", environmentA.GetProperty("sid").GetString()!);
        var before = fake.ExportState().ToJson();

        using var taken = await b.PostAsync(new Uri("/v1/Services/" + baseA + "/Environments", UriKind.Relative), Form(("UniqueName", "dev"), ("DomainSuffix", "dev")));

        Assert.That(domain, Is.EqualTo($"{baseA}-{digitsB}-dev.twil.io"));
        Assert.That(taken.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        using var error = JsonDocument.Parse(await taken.Content.ReadAsStringAsync());
        Assert.That(error.RootElement.GetProperty("code").GetInt32(), Is.EqualTo(20409));
        Assert.That(error.RootElement.GetProperty("message").GetString(), Does.Contain(domain));
        Assert.That(fake.ExportState().ToJson(), Is.EqualTo(before), "a refused create changes nothing, not even the SID sequence");
        using var curl = fake.CreateHttpClient();
        Assert.That(await curl.GetStringAsync(new Uri($"https://{domain}/a.txt")), Is.EqualTo("A's content"));
    }

    [Test]
    public async Task DeleteService_OfTheLoserOfADomainRace_LeavesTheOwnersDomainServing()
    {
        using var fake = FakeServerlessServer.StartInMemory();
        using var a = Client(fake, AccountA);
        using var b = Client(fake, AccountB);
        var baseA = (await PostAsync(a, "/v1/Services", ("UniqueName", "shop"), ("FriendlyName", "A"))).GetProperty("domain_base").GetString()!;
        var baseB = (await PostAsync(b, "/v1/Services", ("UniqueName", baseA), ("FriendlyName", "B"))).GetProperty("domain_base").GetString()!;
        // This time B is first: B's suffix-less domain is baseB.twil.io, and A asks for the same name through its suffix.
        var environmentB = await PostAsync(b, $"/v1/Services/{baseA}/Environments", ("UniqueName", "prod"));
        DeployAsset(fake, AccountB, baseA, environmentB.GetProperty("sid").GetString()!);

        using var taken = await a.PostAsync(new Uri("/v1/Services/shop/Environments", UriKind.Relative), Form(("UniqueName", "dev"), ("DomainSuffix", baseB[(baseA.Length + 1)..])));
        using var deleted = await a.DeleteAsync(new Uri("/v1/Services/shop", UriKind.Relative));

        Assert.That(taken.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        using var curl = fake.CreateHttpClient();
        Assert.That(await curl.GetStringAsync(new Uri($"https://{baseB}.twil.io/a.txt")), Is.EqualTo("B's content"));
    }

    [Test]
    public async Task CreateService_TenThousandAndOneAccountsWithTheSameUniqueName_LastGetsA409AndNothingHangs()
    {
        using var fake = FakeServerlessServer.StartInMemory();
        var bases = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 10_000; i++)
        {
            bases.Add(fake.Account($"AC{i:x32}").CreateService("x").DomainBase);
        }

        using var last = Client(fake, "AC" + new string('f', 32));
        using var response = await last.PostAsync(new Uri("/v1/Services", UriKind.Relative), Form(("UniqueName", "x"), ("FriendlyName", "x")));

        Assert.That(bases, Has.Count.EqualTo(10_000), "every one of x-0000 … x-9999 was handed out once");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(error.RootElement.GetProperty("message").GetString(), Does.Contain("No domain base is free"));
    }

    private static void DeployAsset(FakeServerlessServer fake, string accountSid, string service, string environmentSid)
    {
        var account = fake.Account(accountSid);
        var asset = account.CreateAsset(service, "a");
        var owner = accountSid == AccountA ? "A" : "B";
        var version = account.CreateAssetVersion(service, asset.Sid, "/a.txt", Encoding.UTF8.GetBytes(owner + "'s content"), "text/plain");
        var build = account.CreateBuild(service, assetVersionSids: [version.Sid]);
        fake.Snapshot(accountSid); // a look finishes an immediate build
        account.Deploy(service, environmentSid, build.Sid);
    }

    private static HttpClient Client(FakeServerlessServer fake, string accountSid)
    {
        var client = fake.CreateHttpClient();
        client.BaseAddress = FakeServerlessServer.InMemoryUrl;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{accountSid}:token")));
        return client;
    }

    private static async Task<JsonElement> PostAsync(HttpClient client, string path, params (string Key, string Value)[] form)
    {
        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), Form(form));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] pairs) =>
        new(pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));
}
