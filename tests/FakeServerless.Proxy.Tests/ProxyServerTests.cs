using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Build;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Proxy.Tests;

[Parallelizable(ParallelScope.All)]
public sealed class ProxyServerTests
{
    [Test]
    public async Task Connect_NonTwilioHost_Answers403AndForwardsNothing()
    {
        using var proxy = new ProxyFake();

        var answer = await RawProxyConnection.SendAsync(proxy.Fake.ProxyUrl!, "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");

        Assert.That(answer, Does.StartWith("HTTP/1.1 403 Forbidden\r\n"));
        Assert.That(answer, Does.Contain("CONNECT example.com:443 refused").And.Contain("not an open proxy"));
    }

    [TestCase("serverless.twilio.com:8443")]
    [TestCase("twilio.com.example.org:443")]
    [TestCase("eviltwilio.com:443")]
    [TestCase("127.0.0.1:443")]
    public async Task Connect_NotATwilioHostOn443_Answers403(string target)
    {
        using var proxy = new ProxyFake();

        var answer = await RawProxyConnection.SendAsync(proxy.Fake.ProxyUrl!, $"CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n\r\n");

        Assert.That(answer, Does.StartWith("HTTP/1.1 403 "));
    }

    [Test]
    public async Task PlainHttpProxyRequest_TwilioHost_ServedFromTheSameState()
    {
        using var proxy = new ProxyFake();
        proxy.Fake.Account().CreateService("shop");
        using var client = proxy.CreateClient();
        client.DefaultRequestHeaders.Authorization = Basic(proxy.Fake.AccountSid, proxy.Fake.AuthToken);

        using var response = await client.GetAsync("http://serverless.twilio.com/v1/Services");

        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), body);
        using var json = JsonDocument.Parse(body);
        Assert.That(json.RootElement.GetProperty("services")[0].GetProperty("unique_name").GetString(), Is.EqualTo("shop"));
        Assert.That(json.RootElement.GetProperty("meta").GetProperty("url").GetString(), Does.StartWith("http://serverless.twilio.com/v1/Services"));
        Assert.That(proxy.Fake.Journal.Entries.Last().Transport, Is.EqualTo("proxy"));
    }

    [Test]
    public async Task Start_Host_ProxyBindsTheSameAddressAsTheApiPort()
    {
        // 127.0.0.2 is loopback on Linux but not 127.0.0.1: a proxy that ignored Host would listen on the wrong one.
        using var proxy = new ProxyFake(o => o.Host = "127.0.0.2");
        proxy.Fake.Account().CreateService("shop");
        using var client = proxy.CreateClient();
        client.DefaultRequestHeaders.Authorization = Basic(proxy.Fake.AccountSid, proxy.Fake.AuthToken);

        using var response = await client.GetAsync("http://serverless.twilio.com/v1/Services");

        Assert.That(proxy.Fake.ProxyUrl!.Host, Is.EqualTo("127.0.0.2"));
        Assert.That(proxy.Fake.Url.Host, Is.EqualTo("127.0.0.2"));
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        Assert.ThrowsAsync<System.Net.Sockets.SocketException>(() => RawProxyConnection.SendAsync(
            new Uri($"http://127.0.0.1:{proxy.Fake.ProxyUrl!.Port}"), "GET http://serverless.twilio.com/v1/Services HTTP/1.1\r\nHost: serverless.twilio.com\r\n\r\n"));
    }

    [Test]
    public async Task PlainHttpProxyRequest_OtherHost_Answers403()
    {
        using var proxy = new ProxyFake();
        using var client = proxy.CreateClient();

        using var response = await client.GetAsync("http://example.com/");

        Assert.That((int)response.StatusCode, Is.EqualTo(403));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("not an open proxy"));
        Assert.That(proxy.Fake.Journal.Entries, Is.Empty);
    }

    [Test]
    public async Task OriginFormRequest_OnProxyPort_Answers400Explaining()
    {
        using var proxy = new ProxyFake();

        var answer = await RawProxyConnection.SendAsync(proxy.Fake.ProxyUrl!, "GET /v1/Services HTTP/1.1\r\nHost: serverless.twilio.com\r\n\r\n");

        Assert.That(answer, Does.StartWith("HTTP/1.1 400 ").And.Contain("is not a proxy request"));
    }

    [Test]
    public async Task OversizedHead_Answers431()
    {
        using var proxy = new ProxyFake();

        var answer = await RawProxyConnection.SendAsync(proxy.Fake.ProxyUrl!, $"GET http://serverless.twilio.com/v1/Services HTTP/1.1\r\nX-Big: {new string('a', 40_000)}\r\n\r\n");

        Assert.That(answer, Does.StartWith("HTTP/1.1 431 "));
    }

    [Test]
    public async Task HttpsThroughTunnel_ChunkedBodyWithExpectContinue_CreatesServiceWithHttpsUrls()
    {
        using var proxy = new ProxyFake();
        using var client = proxy.CreateClient();
        var content = new StreamContent(new MemoryStream("UniqueName=chunked&FriendlyName=Chunked"u8.ToArray()));
        using var request = new HttpRequestMessage(System.Net.Http.HttpMethod.Post, "https://serverless.twilio.com/v1/Services") { Content = content };
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.TransferEncodingChunked = true;
        request.Headers.ExpectContinue = true;
        request.Headers.Authorization = Basic(proxy.Fake.AccountSid, proxy.Fake.AuthToken);

        using var response = await client.SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(201), body);
        using var json = JsonDocument.Parse(body);
        Assert.That(json.RootElement.GetProperty("url").GetString(), Does.StartWith("https://serverless.twilio.com/v1/Services/ZS"));
        Assert.That(proxy.Fake.Snapshot().Services.Select(s => s.UniqueName), Is.EqualTo(new[] { "chunked" }));
        var entry = proxy.Fake.Journal.Entries.Last();
        Assert.That((entry.Transport, entry.Host, entry.Operation), Is.EqualTo(("proxy", "serverless.twilio.com", "CreateService")));
    }

    [Test]
    public async Task TwilioSdk_ThroughProxy_DeploysAssetThenClears()
    {
        using var proxy = new ProxyFake();
        using var http = proxy.CreateClient();
        var twilio = new TwilioRestClient(proxy.Fake.AccountSid, proxy.Fake.AuthToken, httpClient: new SystemNetHttpClient(http));

        var service = await ServiceResource.CreateAsync(uniqueName: "site", friendlyName: "Site", client: twilio);
        var environment = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "production", client: twilio);
        var asset = await AssetResource.CreateAsync(service.Sid, friendlyName: "logo", client: twilio);
        using var upload = new MultipartFormDataContent
        {
            { new StringContent("/logo.txt"), "Path" },
            { new StringContent("public"), "Visibility" },
        };
        var content = new ByteArrayContent("a logo"u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        upload.Add(content, "Content", "logo.txt");
        using var uploadRequest = new HttpRequestMessage(System.Net.Http.HttpMethod.Post, $"https://serverless-upload.twilio.com/v1/Services/{service.Sid}/Assets/{asset.Sid}/Versions") { Content = upload };
        uploadRequest.Headers.Authorization = Basic(proxy.Fake.AccountSid, proxy.Fake.AuthToken);
        using var uploaded = await http.SendAsync(uploadRequest);
        var uploadedBody = await uploaded.Content.ReadAsStringAsync();
        Assert.That((int)uploaded.StatusCode, Is.EqualTo(201), uploadedBody);
        var versionSid = JsonDocument.Parse(uploadedBody).RootElement.GetProperty("sid").GetString()!;

        var build = await BuildResource.CreateAsync(service.Sid, assetVersions: [versionSid], client: twilio);
        var status = await BuildStatusResource.FetchAsync(service.Sid, build.Sid, client: twilio);
        var deployment = await DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid, client: twilio);
        using var live = await http.GetAsync($"https://{environment.DomainName}/logo.txt");
        var clearing = await DeploymentResource.CreateAsync(service.Sid, environment.Sid, client: twilio);

        Assert.That(status.Status, Is.EqualTo(BuildStatusResource.StatusEnum.Completed));
        Assert.That(deployment.BuildSid, Is.EqualTo(build.Sid));
        Assert.That(service.Url.ToString(), Does.StartWith("https://serverless.twilio.com/v1/Services/"));
        Assert.That((int)live.StatusCode, Is.EqualTo(200));
        Assert.That(await live.Content.ReadAsStringAsync(), Is.EqualTo("a logo"));
        Assert.That(clearing.BuildSid, Is.Null);
        Assert.That(proxy.Fake.Account().Snapshot().Environments.Single().BuildSid, Is.Null);
        Assert.That(proxy.Fake.Journal.Entries.Select(e => e.Transport).Distinct(), Is.EqualTo(new[] { "proxy" }));
        Assert.That(proxy.Fake.Journal.Entries.Select(e => e.Operation), Does.Contain("CreateAssetVersion").And.Contain("ServeDomain"));

        // The API port answers from the same state.
        using var direct = proxy.Fake.CreateHttpClient();
        direct.DefaultRequestHeaders.Authorization = Basic(proxy.Fake.AccountSid, proxy.Fake.AuthToken);
        var viaPort = await direct.GetStringAsync($"https://serverless.twilio.com/v1/Services/{service.Sid}/Builds/{build.Sid}");
        Assert.That(viaPort, Does.Contain(versionSid));
    }

    [Test]
    public async Task ProtectedAsset_ThroughProxy_SignedForItsHttpsUrlServedElse403()
    {
        using var proxy = new ProxyFake();
        using var http = proxy.CreateClient();
        var account = proxy.Fake.Account();
        var service = account.CreateService("signed");
        var environment = account.CreateEnvironment(service.Sid, "dev", "dev");
        var asset = account.CreateAsset(service.Sid, "secure");
        var version = account.CreateAssetVersion(service.Sid, asset.Sid, "/secure.txt", "members only"u8.ToArray(), "text/plain", Visibility.Protected);
        account.Deploy(service.Sid, environment.Sid, account.CreateBuild(service.Sid, assetVersionSids: [version.Sid]).Sid);
        var url = $"https://{environment.DomainName}/secure.txt?v=1";

        using var unsigned = await http.GetAsync(url);
        using var request = new HttpRequestMessage(System.Net.Http.HttpMethod.Get, url);
        request.Headers.Add("X-Twilio-Signature", proxy.Fake.SignDomainRequest(url));
        using var signed = await http.SendAsync(request);

        Assert.That(((int)unsigned.StatusCode, (int)signed.StatusCode), Is.EqualTo((403, 200)));
        Assert.That(await signed.Content.ReadAsStringAsync(), Is.EqualTo("members only"));
    }

    [Test]
    public async Task KeepAlive_ManyRequestsOnOneTunnel_AllServed()
    {
        using var proxy = new ProxyFake();
        var handler = proxy.CreateHandler();
        handler.MaxConnectionsPerServer = 1;
        using var client = new System.Net.Http.HttpClient(handler);
        client.DefaultRequestHeaders.Authorization = Basic(proxy.Fake.AccountSid, proxy.Fake.AuthToken);

        for (var i = 0; i < 20; i++)
        {
            using var response = await client.PostAsync("https://serverless.twilio.com/v1/Services", new FormUrlEncodedContent(new Dictionary<string, string> { ["UniqueName"] = $"s{i}", ["FriendlyName"] = "S" }));
            Assert.That((int)response.StatusCode, Is.EqualTo(201));
        }

        Assert.That(proxy.Fake.Snapshot().Services, Has.Count.EqualTo(20));
    }

    [Test]
    public async Task Fault_DroppedConnection_ResetsTheClientsConnection()
    {
        using var proxy = new ProxyFake();
        proxy.Fake.Faults.When("ListService").DropConnection();
        using var client = proxy.CreateClient();
        client.DefaultRequestHeaders.Authorization = Basic(proxy.Fake.AccountSid, proxy.Fake.AuthToken);

        Assert.That(async () => await client.GetAsync("https://serverless.twilio.com/v1/Services"), Throws.InstanceOf<HttpRequestException>());
        Assert.That(proxy.Fake.Journal.Entries.Last().StatusCode, Is.Zero);
    }

    [Test]
    public void Dispose_WithOpenTunnel_StopsListening()
    {
        var proxy = new ProxyFake();
        var url = proxy.Fake.ProxyUrl!;
        proxy.Dispose();

        Assert.That(async () => await RawProxyConnection.SendAsync(url, "GET http://serverless.twilio.com/v1/Services HTTP/1.1\r\n\r\n"), Throws.InstanceOf<System.Net.Sockets.SocketException>());
    }

    internal static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
}
