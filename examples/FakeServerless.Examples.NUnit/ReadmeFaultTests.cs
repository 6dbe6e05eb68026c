using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace FakeServerless.Examples.NUnit;

/// <summary>README, "Faults": each line of the snippet compiled, run and checked; keep the two in step.</summary>
public sealed class ReadmeFaultTests
{
    [Test]
    public async Task TooManyRequests_Once_429WithRetryAfterThenTheRealAnswer()
    {
        await using var fake = FakeServerlessServer.StartInMemory();
        var scenario = fake.Seed().ServiceReadyToDeploy();
        var deployments = $"/v1/Services/{scenario.Service.Sid}/Environments/{scenario.Environment("staging").Sid}/Deployments";
        using var http = Client(fake, fake.AccountSid);

        fake.Faults.When("CreateDeployment").TooManyRequests(TimeSpan.FromSeconds(2)).Once();   // 429/20429 + Retry-After: 2

        using var first = await http.PostAsync(deployments, Form("BuildSid", scenario.Build.Sid));
        Assert.That(fake.Snapshot().Deployments, Is.Empty, "a faulted request never reaches the state");
        using var second = await http.PostAsync(deployments, Form("BuildSid", scenario.Build.Sid));

        Assert.That((int)first.StatusCode, Is.EqualTo(429));
        Assert.That(first.Headers.RetryAfter!.Delta, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetInt32(), Is.EqualTo(20429));
        Assert.That((int)second.StatusCode, Is.EqualTo(201));
        Assert.That(fake.Journal.OfOperation("CreateDeployment").Select(e => e.Fault is not null), Is.EqualTo(new[] { true, false }));
    }

    [Test]
    public async Task ServiceUnavailable_Times3_Three503sThenRealAnswers()
    {
        await using var fake = FakeServerlessServer.StartInMemory();
        var scenario = fake.Seed().ServiceReadyToDeploy();
        using var http = Client(fake, fake.AccountSid);

        fake.Faults.When("FetchBuildStatus").ServiceUnavailable().Times(3);                        // 503/20503 three times, then real answers

        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await http.GetAsync($"/v1/Services/{scenario.Service.Sid}/Builds/{scenario.Build.Sid}/Status");
            statuses.Add((int)response.StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { 503, 503, 503, 200, 200 }));
        Assert.That(fake.Journal.Failed.Select(e => e.ErrorCode), Is.EqualTo(new int?[] { 20503, 20503, 20503 }));
    }

    [Test]
    public async Task WithLatency_ForOneAccount_SlowsOnlyThatAccount()
    {
        const string tenantSid = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        await using var fake = FakeServerlessServer.StartInMemory();
        using var tenant = Client(fake, tenantSid);
        using var other = Client(fake, fake.AccountSid);

        fake.Faults.When(accountSid: tenantSid).WithLatency(TimeSpan.FromMilliseconds(200));       // slow tenant

        var watch = Stopwatch.StartNew();
        using var slow = await tenant.GetAsync("/v1/Services");
        var elapsed = watch.Elapsed;
        using var fast = await other.GetAsync("/v1/Services");

        Assert.That((int)slow.StatusCode, Is.EqualTo(200), "latency alone lets the real answer through");
        Assert.That(elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(200)));
        Assert.That(fake.Journal.OfAccount(tenantSid).Single().Fault, Does.Contain("after 200 ms"));
        Assert.That((int)fast.StatusCode, Is.EqualTo(200));
        Assert.That(fake.Journal.OfAccount(fake.AccountSid).Single().Fault, Is.Null);
    }

    [Test]
    public async Task DropConnection_CreateBuild_ThrowsHttpRequestExceptionAndCreatesNothing()
    {
        await using var fake = FakeServerlessServer.StartInMemory();
        var scenario = fake.Seed().ServiceReadyToDeploy();
        using var http = Client(fake, fake.AccountSid);

        fake.Faults.When("CreateBuild").DropConnection();                                          // connection reset / HttpRequestException

        Assert.ThrowsAsync<HttpRequestException>(() =>
            http.PostAsync($"/v1/Services/{scenario.Service.Sid}/Builds", Form("FunctionVersions", scenario.Functions[0].Version.Sid)));
        Assert.That(fake.Snapshot().Builds.Select(b => b.Sid), Is.EqualTo(new[] { scenario.Build.Sid }));
        Assert.That(fake.Journal.OfOperation("CreateBuild").Single().StatusCode, Is.Zero);
    }

    [Test]
    public async Task RateLimit_SixthRequestInOneSecond_429ForThatAccountOnly()
    {
        var clock = new FakeTimeProvider();
        await using var fake = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { TimeProvider = clock });
        using var http = Client(fake, fake.AccountSid);
        using var other = Client(fake, "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");

        fake.Faults.RateLimit(5);                                                                  // > 5 requests per second per account → 429

        var statuses = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await http.GetAsync("/v1/Services");
            statuses.Add((int)response.StatusCode);
        }

        using var otherAccount = await other.GetAsync("/v1/Services");
        clock.Advance(TimeSpan.FromSeconds(1));
        using var nextSecond = await http.GetAsync("/v1/Services");

        Assert.That(statuses, Is.EqualTo(new[] { 200, 200, 200, 200, 200, 429 }));
        Assert.That((int)otherAccount.StatusCode, Is.EqualTo(200));
        Assert.That((int)nextSecond.StatusCode, Is.EqualTo(200));
    }

    private static HttpClient Client(FakeServerlessServer fake, string accountSid)
    {
        var client = fake.CreateHttpClient();
        client.BaseAddress = fake.Url;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{accountSid}:{fake.AuthToken}")));
        return client;
    }

    private static FormUrlEncodedContent Form(string key, string value) => new(new Dictionary<string, string> { [key] = value });
}
