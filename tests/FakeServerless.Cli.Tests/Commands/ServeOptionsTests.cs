using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using FakeServerless.Cli.Tests.Support;

namespace FakeServerless.Cli.Tests.Commands;

/// <summary>The options that wire the control API, the clock and the proxy: each through the real CLI and real HTTP.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class ServeOptionsTests
{
    private const string Sid = "AC00000000000000000000000000000001";

    private static HttpClient Client(Uri url, string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = url };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    private static HttpClient TwilioRaw(Uri url)
    {
        var client = Client(url);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Sid}:fake-auth-token")));
        return client;
    }

    private static async Task<JsonElement> CreateServiceAsync(HttpClient twilio, string name)
    {
        using var created = await twilio.PostAsync("/v1/Services", new FormUrlEncodedContent(new Dictionary<string, string> { ["UniqueName"] = name, ["FriendlyName"] = name }));
        Assert.That((int)created.StatusCode, Is.EqualTo(201), await created.Content.ReadAsStringAsync());
        return await created.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Test]
    public async Task Banner_Default_NamesTheControlApiAndNoProxy()
    {
        await using var cli = await CliHarness.StartAsync();
        using var http = Client(cli.Url);

        using var dashboard = await http.GetAsync("/_fake/");

        Assert.That(cli.Out.Lines, Does.Contain($"Control API and dashboard on {cli.Url.GetLeftPart(UriPartial.Authority)}/_fake/"));
        Assert.That(cli.Out.Lines, Has.None.StartWith("Proxy on"));
        Assert.That(dashboard.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(dashboard.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
    }

    [Test]
    public async Task ControlToken_Flag_RequiresTheBearerTokenOnTheControlApiOnly()
    {
        await using var cli = await CliHarness.StartAsync("--control-token", "s3cret");
        using var anonymous = Client(cli.Url);
        using var wrong = Client(cli.Url, "other");
        using var right = Client(cli.Url, "s3cret");

        using var refused = await anonymous.GetAsync("/_fake/health");
        using var refusedWrong = await wrong.GetAsync("/_fake/health");
        using var accepted = await right.GetAsync("/_fake/health");
        using var twilio = TwilioRaw(cli.Url);
        var service = await CreateServiceAsync(twilio, "shop");

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(refusedWrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(service.GetProperty("unique_name").GetString(), Is.EqualTo("shop"));
        Assert.That(cli.Out.Lines, Has.Some.StartWith("Control API and dashboard on ").And.EndsWith("/_fake/ (bearer token required)"));
    }

    [Test]
    public async Task ControlToken_Variable_ProtectsTheFakeAndTheHealthCommandSendsIt()
    {
        var environment = new Dictionary<string, string> { ["FAKESERVERLESS_CONTROL_TOKEN"] = "from-env" };
        await using var cli = await CliHarness.StartAsync(name => environment.GetValueOrDefault(name));
        string[] health = ["health", "--url", cli.Url.ToString()];

        var withToken = await CliRunner.RunAsync(health, name => environment.GetValueOrDefault(name), new LineWriter(), new LineWriter(), CancellationToken.None);
        var withoutError = new LineWriter();
        var without = await CliRunner.RunAsync(health, _ => null, new LineWriter(), withoutError, CancellationToken.None);

        Assert.That(withToken, Is.Zero);
        Assert.That(without, Is.EqualTo(1));
        Assert.That(withoutError.ToString(), Does.Contain("401"));
    }

    [Test]
    public async Task Clock_Virtual_StandsStillUntilTheControlApiMovesIt()
    {
        await using var cli = await CliHarness.StartAsync("--clock", "virtual");
        using var control = Client(cli.Url);
        using var twilio = TwilioRaw(cli.Url);

        var before = await CreateServiceAsync(twilio, "before");
        using var moved = await control.PostAsJsonAsync("/_fake/clock", new { advance_seconds = 86400 });
        var after = await CreateServiceAsync(twilio, "after");

        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await moved.Content.ReadAsStringAsync());
        var created = DateTimeOffset.Parse(before.GetProperty("date_created").GetString()!, CultureInfo.InvariantCulture);
        var later = DateTimeOffset.Parse(after.GetProperty("date_created").GetString()!, CultureInfo.InvariantCulture);
        Assert.That(later - created, Is.EqualTo(TimeSpan.FromDays(1)));
    }

    [TestCase]
    [TestCase("--clock", "system")]
    public async Task Clock_System_TheControlApiRefusesToMoveIt(params string[] args)
    {
        await using var cli = await CliHarness.StartAsync(args);
        using var control = Client(cli.Url);

        using var refused = await control.PostAsJsonAsync("/_fake/clock", new { advance_seconds = 60 });

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("--clock virtual"));
    }

    [Test]
    public async Task ProxyPort_WithCaDir_PrintsBothAndServesHttpsThroughTheProxy()
    {
        var caDir = Directory.CreateTempSubdirectory("fs-cli-ca-").FullName;
        try
        {
            await using var cli = await CliHarness.StartAsync("--proxy-port", "0", "--ca-dir", caDir);
            var proxyLine = cli.Out.Lines.Single(l => l.StartsWith("Proxy on ", StringComparison.Ordinal));
            var proxy = new Uri(proxyLine["Proxy on ".Length..]);
            using var https = ThroughProxy(proxy, Path.Combine(caDir, "ca.pem"));

            var service = await CreateServiceAsync(https, "proxied");
            using var direct = TwilioRaw(cli.Url);
            using var listed = await direct.GetAsync($"/v1/Services/{service.GetProperty("sid").GetString()}");

            Assert.That(proxyLine, Does.Match(@"^Proxy on http://127\.0\.0\.1:\d+$"));
            Assert.That(proxy.Port, Is.Not.Zero.And.Not.EqualTo(cli.Url.Port));
            Assert.That(cli.Out.Lines, Does.Contain($"CA certificate {Path.Combine(caDir, "ca.pem")}"));
            Assert.That(File.Exists(Path.Combine(caDir, "ca.pem")), Is.True);
            Assert.That(listed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        finally
        {
            Directory.Delete(caDir, recursive: true);
        }
    }

    [Test]
    public async Task ProxyPort_AllAddresses_ProxyBindsTheHostToo()
    {
        var caDir = Directory.CreateTempSubdirectory("fs-cli-ca-").FullName;
        try
        {
            await using var cli = await CliHarness.StartAsync("--host", "0.0.0.0", "--proxy-port", "0", "--ca-dir", caDir);
            var proxyLine = cli.Out.Lines.Single(l => l.StartsWith("Proxy on ", StringComparison.Ordinal));
            var port = new Uri(proxyLine["Proxy on ".Length..]).Port;
            using var https = ThroughProxy(new Uri($"http://127.0.0.1:{port}"), Path.Combine(caDir, "ca.pem"));

            var service = await CreateServiceAsync(https, "everywhere");

            Assert.That(proxyLine, Does.Match(@"^Proxy on http://0\.0\.0\.0:\d+$"));
            Assert.That(service.GetProperty("unique_name").GetString(), Is.EqualTo("everywhere"));
        }
        finally
        {
            Directory.Delete(caDir, recursive: true);
        }
    }

    [Test]
    public async Task DataDir_KeysAndServices_SurviveARestart()
    {
        var dataDir = Directory.CreateTempSubdirectory("fs-cli-data-").FullName;
        try
        {
            string keySid, keySecret;
            await using (var first = await CliHarness.StartAsync("--data-dir", dataDir, "--strict-credentials"))
            {
                using var control = Client(first.Url);
                using var created = await control.PostAsJsonAsync("/_fake/keys", new { account_sid = Sid });
                var key = await created.Content.ReadFromJsonAsync<JsonElement>();
                (keySid, keySecret) = (key.GetProperty("sid").GetString()!, key.GetProperty("secret").GetString()!);
                using var twilio = TwilioRaw(first.Url);
                await CreateServiceAsync(twilio, "kept");
                Assert.That(first.Out.Lines, Has.Some.StartWith($"Data in {dataDir}"));
                Assert.That(await first.StopAsync(), Is.Zero);
            }

            await using var second = await CliHarness.StartAsync("--data-dir", dataDir, "--strict-credentials");
            using var keyed = Client(second.Url);
            keyed.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{keySid}:{keySecret}")));
            using var health = Client(second.Url);

            var services = await keyed.GetFromJsonAsync<JsonElement>("/v1/Services");
            var persistence = (await health.GetFromJsonAsync<JsonElement>("/_fake/health")).GetProperty("persistence");

            Assert.That(services.GetProperty("services")[0].GetProperty("unique_name").GetString(), Is.EqualTo("kept"));
            Assert.That(persistence.GetProperty("mode").GetString(), Is.EqualTo("durable"));
            Assert.That(persistence.GetProperty("path").GetString(), Is.EqualTo(Path.GetFullPath(dataDir)));
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [TestCase("--clock", "sometimes", "--clock must be system or virtual")]
    [TestCase("--proxy-port", "abc", "--proxy-port must be a number from 0 to 65535")]
    [TestCase("--control-token", " ", "--control-token must not be empty")]
    public async Task RunAsync_BadWiringValue_Returns1NamingTheOption(string option, string value, string message)
    {
        var stderr = new LineWriter();

        var code = await CliRunner.RunAsync([option, value], _ => null, new LineWriter(), stderr, CancellationToken.None);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr.Lines[0], Does.Contain(message));
    }

    [Test]
    public async Task AllowedHost_FlagRepeatedOrVariable_ControlApiAnswersOnThoseNamesOnly()
    {
        var environment = new Dictionary<string, string> { ["FAKESERVERLESS_ALLOWED_HOSTS"] = "from-env, also-env" };
        await using var flagged = await CliHarness.StartAsync("--allowed-host", "twilio-serverless", "--allowed-host", "other,third");
        await using var variable = await CliHarness.StartAsync(name => environment.GetValueOrDefault(name));

        Assert.That(await HealthStatusAsync(flagged.Url, "twilio-serverless"), Is.EqualTo(200));
        Assert.That(await HealthStatusAsync(flagged.Url, "third"), Is.EqualTo(200));
        Assert.That(await HealthStatusAsync(flagged.Url, "localhost"), Is.EqualTo(200));
        Assert.That(await HealthStatusAsync(flagged.Url, "rebind.attacker.example"), Is.EqualTo(403));
        Assert.That(await HealthStatusAsync(variable.Url, "also-env"), Is.EqualTo(200));
        Assert.That(await HealthStatusAsync(variable.Url, "twilio-serverless"), Is.EqualTo(403));
    }

    [TestCase("http://twilio-serverless")]
    [TestCase("twilio-serverless:4010")]
    [TestCase("bad name")]
    public async Task AllowedHost_NotAHostName_Returns1NamingTheOption(string value)
    {
        var stderr = new LineWriter();

        var code = await CliRunner.RunAsync(["--allowed-host", value], _ => null, new LineWriter(), stderr, CancellationToken.None);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr.Lines[0], Does.Contain("--allowed-host must be a host name"));
    }

    private static async Task<int> HealthStatusAsync(Uri url, string host)
    {
        using var http = Client(url);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_fake/health");
        request.Headers.Host = $"{host}:{url.Port}";
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }

    /// <summary>HTTPS to serverless.twilio.com through <paramref name="proxy"/>, trusting only the CA at <paramref name="caPath"/>.</summary>
    private static HttpClient ThroughProxy(Uri proxy, string caPath)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(X509CertificateLoader.LoadCertificateFromFile(caPath));
        var handler = new SocketsHttpHandler
        {
            Proxy = new WebProxy(proxy),
            UseProxy = true,
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy },
        };
        var client = new HttpClient(handler, disposeHandler: true) { BaseAddress = new Uri("https://serverless.twilio.com") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Sid}:fake-auth-token")));
        return client;
    }
}
