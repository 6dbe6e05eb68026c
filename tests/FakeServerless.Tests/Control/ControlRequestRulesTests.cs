using System.Net.Http.Headers;
using System.Text;
using FakeServerless.Tests.Wire;

namespace FakeServerless.Tests.Control;

/// <summary>The control API cannot be driven by a web page: host names DNS cannot rebind, no cross-site requests, JSON only as JSON.</summary>
public sealed class ControlRequestRulesTests : ControlTestBase
{
    protected override FakeServerlessOptions Configure(FakeServerlessOptions options)
    {
        options.AllowedHosts = ["twilio-serverless", "Fake.Example.Test."];
        return options;
    }

    [TestCase("rebind.attacker.example")]
    [TestCase("rebind.attacker.example:4010")]
    [TestCase("localhost.attacker.example")]
    [TestCase("127.0.0.1.nip.io")]
    [TestCase("twilio-serverless.attacker.example")]
    [TestCase("serverless.twilio.com")]
    public async Task Handle_HostNotLoopbackIpOrAllowed_403AndNoSecrets(string host)
    {
        Fake.CreateApiKey();

        var response = await SendAsync(HttpMethod.Get, "/_fake/keys", host: host);

        var error = await TwilioErrorBody.ReadAsync(response, 403, 20403);
        Assert.That(error.Message, Does.Contain("--allowed-host"));
        Assert.That(error.Raw, Does.Not.Contain("secret"));
    }

    [TestCase("localhost")]
    [TestCase("LOCALHOST:4010")]
    [TestCase("localhost.")]
    [TestCase("127.0.0.1")]
    [TestCase("127.0.0.1:1")]
    [TestCase("[::1]")]
    [TestCase("[::1]:4010")]
    [TestCase("10.1.2.3:4010")]
    [TestCase("twilio-serverless:4010")]
    [TestCase("fake.example.test")]
    public async Task Handle_LoopbackIpOrAllowedHost_Answers(string host)
    {
        var response = await SendAsync(HttpMethod.Get, "/_fake/keys", host: host);

        await ReadJsonAsync(response, 200);
    }

    [Test]
    public async Task Handle_HostRuleWithControlToken_StillApplies()
    {
        await using var fake = FakeServerlessServer.Start(new FakeServerlessOptions { EnableControlApi = true, ControlToken = "t0ken" });
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = fake.Url };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_fake/keys");
        request.Headers.Host = "rebind.attacker.example";
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "t0ken");

        await TwilioErrorBody.ReadAsync(await client.SendAsync(request), 403, 20403);
    }

    [Test]
    public async Task Handle_DashboardOnARebindingHost_403()
    {
        var response = await SendAsync(HttpMethod.Get, "/_fake/", host: "rebind.attacker.example");

        await TwilioErrorBody.ReadAsync(response, 403, 20403);
    }

    [TestCase("Origin", "http://127.0.0.1:9")]
    [TestCase("Origin", "http://evil.example")]
    [TestCase("Origin", "null")]
    [TestCase("Sec-Fetch-Site", "cross-site")]
    [TestCase("Sec-Fetch-Site", "same-site")]
    public async Task Handle_CrossSiteRequest_403AndNothingChanges(string header, string value)
    {
        var response = await SendAsync(HttpMethod.Post, "/_fake/faults", """{"status":503}""", headers: [(header, value)]);

        var error = await TwilioErrorBody.ReadAsync(response, 403, 20403);
        Assert.That(error.Message, Does.Contain("another site"));
        Assert.That(Fake.Faults.Rules, Is.Empty);
    }

    [TestCase("Sec-Fetch-Site", "same-origin")]
    [TestCase("Sec-Fetch-Site", "none")]
    [TestCase("Origin", "SELF")]
    public async Task Handle_SameOriginRequest_Answers(string header, string value)
    {
        var response = await SendAsync(HttpMethod.Post, "/_fake/faults", """{"status":503}""", headers: [(header, value == "SELF" ? $"http://127.0.0.1:{Fake.Url.Port}" : value)]);

        await ReadJsonAsync(response, 201);
    }

    [TestCase("text/plain")]
    [TestCase("text/plain; charset=utf-8")]
    [TestCase("application/x-www-form-urlencoded")]
    [TestCase("multipart/form-data; boundary=x")]
    [TestCase(null)]
    public async Task Handle_JsonBodyNotSentAsJson_415AndNothingChanges(string? contentType)
    {
        var response = await SendAsync(HttpMethod.Post, "/_fake/faults", """{"status":503}""", contentType: contentType);

        var error = await TwilioErrorBody.ReadAsync(response, 415, 20415);
        Assert.That(error.Message, Does.Contain("application/json"));
        Assert.That(Fake.Faults.Rules, Is.Empty);
    }

    [TestCase("application/json")]
    [TestCase("application/json; charset=utf-8")]
    [TestCase("Application/JSON")]
    public async Task Handle_JsonContentType_Answers(string contentType)
    {
        var response = await SendAsync(HttpMethod.Post, "/_fake/faults", """{"status":503}""", contentType: contentType);

        await ReadJsonAsync(response, 201);
    }

    [Test]
    public async Task Handle_EmptyBodyWithoutContentType_Answers()
    {
        var response = await Control.PostAsync("/_fake/reset", null);

        Assert.That((int)response.StatusCode, Is.EqualTo(204));
    }

    [TestCase("shop-1234-dev.twil.io.")]
    [TestCase("SHOP-1234-DEV.TWIL.IO")]
    [TestCase("shop-1234-dev.twil.io.:443")]
    public async Task Handle_DomainHostSpelling_ServedAsDomainNotControl(string host)
    {
        var response = await SendAsync(HttpMethod.Get, "/_fake/health", host: host);

        Assert.That((int)response.StatusCode, Is.EqualTo(404));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("nothing is deployed"));
        Assert.That(Fake.Journal.Entries.Single().Operation, Is.EqualTo("ServeDomain"));
    }

    [Test]
    public async Task Handle_InMemoryTransport_AnyHostAnswers()
    {
        await using var fake = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { EnableControlApi = true });
        using var client = fake.CreateHttpClient();

        var response = await client.GetAsync("https://api.twilio.com/_fake/health");

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
    }

    [TestCase("")]
    [TestCase("http://name")]
    [TestCase("name:4010")]
    [TestCase("a b")]
    [TestCase("caf\u00e9.example")]
    public void Start_AllowedHostNotAHostName_ThrowsNamingIt(string host)
    {
        var error = Assert.Throws<ArgumentException>(() => FakeServerlessServer.Start(new FakeServerlessOptions { EnableControlApi = true, AllowedHosts = [host] }));

        Assert.That(error!.Message, Does.Contain($"'{host}'"));
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, string? json = null, string? host = null, string? contentType = "application/json", (string Name, string Value)[]? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (json is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await Control.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
