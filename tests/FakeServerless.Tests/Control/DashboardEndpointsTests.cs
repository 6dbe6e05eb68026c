using System.Net;
using System.Net.Http.Headers;

namespace FakeServerless.Tests.Control;

/// <summary>The dashboard page and the SID → JSON endpoint its links use, over plain HTTP (the browser test is separate).</summary>
public sealed class DashboardEndpointsTests : ControlTestBase
{
    [TestCase("/_fake/")]
    [TestCase("/_fake")]
    public async Task Dashboard_Get_ServesOneSelfContainedPage(string path)
    {
        var response = await Control.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("default-src 'none'").And.Contain("connect-src 'self'").And.Contain("frame-ancestors 'none'"));
        Assert.That(response.Headers.GetValues("X-Frame-Options").Single(), Is.EqualTo("DENY"));
        Assert.That(html, Does.StartWith("<!DOCTYPE html>").And.Contain("/state").And.Contain("/journal?Tail="));
        Assert.That(html, Does.Not.Contain("http://").And.Not.Contain("https://"), "no CDN");
        Assert.That(html, Does.Not.Match(@"innerHTML|outerHTML|insertAdjacentHTML|document\.write"), "no data parsed as markup");
    }

    [Test]
    public async Task Dashboard_WithControlToken_PageServedButDataNeedsTheToken()
    {
        await using var fake = FakeServerlessServer.Start(new FakeServerlessOptions { EnableControlApi = true, ControlToken = "s3cret" });
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = fake.Url };

        var page = await client.GetAsync("/_fake/");
        var state = await client.GetAsync("/_fake/state");
        var resource = await client.GetAsync($"/_fake/resources/{fake.AccountSid}");
        using var authorized = new HttpRequestMessage(HttpMethod.Get, "/_fake/journal");
        authorized.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "s3cret");
        var journal = await client.SendAsync(authorized);

        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(state.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(resource.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(journal.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Resource_EachKindOfSid_ItsRecord()
    {
        var scenario = Fake.Seed().ServiceReadyToDeploy();
        var environment = scenario.Environment("staging");
        var deployment = Fake.Account().Deploy(scenario.Service.Sid, environment.Sid, scenario.Build.Sid);

        foreach (var sid in new[] { scenario.Service.Sid, environment.Sid, scenario.Build.Sid, deployment.Sid, scenario.Functions[0].Function.Sid, scenario.Functions[0].Version.Sid })
        {
            var json = await GetJsonAsync($"/_fake/resources/{sid}");
            Assert.That(json["sid"]!.GetValue<string>(), Is.EqualTo(sid));
        }

        var live = await GetJsonAsync($"/_fake/resources/{environment.Sid}");
        Assert.That(live["build_sid"]!.GetValue<string>(), Is.EqualTo(scenario.Build.Sid));
        Assert.That(live["domain_name"]!.GetValue<string>(), Is.EqualTo(environment.DomainName));
        var account = await GetJsonAsync($"/_fake/resources/{Fake.AccountSid}");
        Assert.That(account["account_sid"]!.GetValue<string>(), Is.EqualTo(Fake.AccountSid));
        Assert.That(account["services"]!["items"]!.AsArray(), Has.Count.EqualTo(1));
    }

    [TestCase("ZS00000000000000000000000000000042", 404, "ZS00000000000000000000000000000042")]
    [TestCase("AC00000000000000000000000000000042", 404, "AC00000000000000000000000000000042")]
    [TestCase("ZS123", 400, "Sid must be a Twilio SID")]
    [TestCase("zs00000000000000000000000000000042", 400, "Sid must be a Twilio SID")]
    [TestCase("12000000000000000000000000000000ab", 400, "Sid must be a Twilio SID")]
    public async Task Resource_UnknownOrMalformedSid_TwilioShapedError(string sid, int status, string message)
    {
        Fake.Seed().ServiceReadyToDeploy();

        var error = await GetJsonAsync($"/_fake/resources/{sid}", status);

        Assert.That(error["status"]!.GetValue<int>(), Is.EqualTo(status));
        Assert.That(error["message"]!.GetValue<string>(), Does.Contain(message));
    }

    [Test]
    public async Task Journal_Tail_KeepsTheLastEntries()
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            await TwilioHttp().PostAsync("/v1/Services", new FormUrlEncodedContent(new Dictionary<string, string> { ["UniqueName"] = name, ["FriendlyName"] = name }));
        }

        var tail = (await GetJsonAsync("/_fake/journal?Tail=2"))["entries"]!.AsArray();
        var error = await GetJsonAsync("/_fake/journal?Tail=0", 400);

        Assert.That(tail.Select(e => e!["parameters"]!["UniqueName"]![0]!.GetValue<string>()), Is.EqualTo(new[] { "b", "c" }));
        Assert.That(error["message"]!.GetValue<string>(), Does.Contain("Tail"));
    }
}
