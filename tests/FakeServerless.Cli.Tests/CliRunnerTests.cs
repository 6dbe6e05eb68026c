using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using FakeServerless.Cli.Commands;
using FakeServerless.Cli.Tests.Support;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Http;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Build;
using SystemHttpClient = System.Net.Http.HttpClient;

namespace FakeServerless.Cli.Tests;

[Parallelizable(ParallelScope.All)]
public sealed class CliRunnerTests
{
    private const string DefaultSid = "AC00000000000000000000000000000001";

    private static readonly Func<string, string?> NoEnvironment = _ => null;

    private static TwilioRestClient TwilioFor(Uri url, string accountSid = DefaultSid, string token = "fake-auth-token") =>
        new(accountSid, token, httpClient: new SystemNetHttpClient(new SystemHttpClient(new RedirectHandler(url))));

    private static SystemHttpClient RawFor(Uri url, string user, string password)
    {
        var client = new SystemHttpClient { BaseAddress = url };
        client.DefaultRequestHeaders.Authorization = BasicAuth(user, password);
        return client;
    }

    private static AuthenticationHeaderValue BasicAuth(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    [TestCase("--help")]
    [TestCase("-h")]
    public async Task RunAsync_Help_PrintsUsageAndReturns0(string flag)
    {
        var stdout = new LineWriter();
        var stderr = new LineWriter();

        var code = await CliRunner.RunAsync([flag], NoEnvironment, stdout, stderr, CancellationToken.None);

        Assert.That(code, Is.Zero);
        Assert.That(stdout.ToString(), Does.Contain("fake-serverless: a fake of the Twilio Serverless API (v1)"));
        Assert.That(stdout.ToString(), Does.Contain("Usage:").And.Contain("fake-serverless [command] [options]"));
        Assert.That(stdout.ToString(), Does.Contain("health").And.Contain("Exit codes: 0 stopped, 1 bad arguments, 2 could not listen"));
        foreach (var option in new[] { "--port", "--host", "--seed", "--account-sid", "--auth-token", "--strict-credentials", "--build-completion", "--public-base-url" })
        {
            var variable = "FAKESERVERLESS_" + option.TrimStart('-').Replace('-', '_').ToUpperInvariant();
            Assert.That(stdout.Lines, Has.Some.Matches<string>(l => l.TrimStart().StartsWith(option, StringComparison.Ordinal)), option);
            Assert.That(stdout.ToString(), Does.Contain($"[env: {variable}]"), variable);
        }

        Assert.That(stdout.Lines, Has.Some.Contains("--help"));

        Assert.That(stderr.ToString(), Is.Empty);
    }

    [TestCase("--port", "abc")]
    [TestCase("--nope")]
    [TestCase("--build-completion", "sometimes")]
    public async Task RunAsync_BadArguments_Returns1WithMessageOnStderr(params string[] args)
    {
        var stdout = new LineWriter();
        var stderr = new LineWriter();

        var code = await CliRunner.RunAsync(args, NoEnvironment, stdout, stderr, CancellationToken.None);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr.Lines[0], Does.StartWith("fake-serverless: ").And.Contain(args[0]));
        Assert.That(stderr.Lines[1], Is.EqualTo("Run 'fake-serverless --help' for usage."));
        Assert.That(stdout.ToString(), Is.Empty);
    }

    [Test]
    public async Task RunAsync_PortInUse_Returns2WithClearMessage()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var stdout = new LineWriter();
        var stderr = new LineWriter();

        var code = await CliRunner.RunAsync(["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)], NoEnvironment, stdout, stderr, CancellationToken.None)
            .WaitAsync(CliHarness.Timeout);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr.Lines[0], Does.StartWith($"Port {port} is already in use: "));
        Assert.That(stdout.Lines, Has.None.StartWith("Listening on"));
    }

    [Test]
    public async Task RunAsync_ProxyPortInUse_Returns2NamingTheProxysPort()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var caDir = Directory.CreateTempSubdirectory("fs-cli-ca-").FullName;
        var stdout = new LineWriter();
        var stderr = new LineWriter();
        try
        {
            var code = await CliRunner.RunAsync(["--port", "0", "--proxy-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--ca-dir", caDir], NoEnvironment, stdout, stderr, CancellationToken.None)
                .WaitAsync(CliHarness.Timeout);

            Assert.That(code, Is.EqualTo(2));
            Assert.That(stderr.Lines[0], Does.StartWith($"Proxy port {port} is already in use: "));
            Assert.That(stdout.Lines, Has.None.StartWith("Listening on"));
        }
        finally
        {
            Directory.Delete(caDir, recursive: true);
        }
    }

    [Test]
    [Platform(Include = "Linux", Reason = "CA folder modes are checked on Unix.")]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task RunAsync_CaDirWritableByOthers_Returns1NamingTheFolder()
    {
        var caDir = Directory.CreateTempSubdirectory("fs-cli-ca-").FullName;
        File.SetUnixFileMode(caDir, (UnixFileMode)Convert.ToInt32("777", 8));
        var stdout = new LineWriter();
        var stderr = new LineWriter();
        try
        {
            var code = await CliRunner.RunAsync(["--port", "0", "--proxy-port", "0", "--ca-dir", caDir], NoEnvironment, stdout, stderr, CancellationToken.None)
                .WaitAsync(CliHarness.Timeout);

            Assert.That(code, Is.EqualTo(1));
            Assert.That(stderr.Lines[0], Does.StartWith($"fake-serverless: --ca-dir: The proxy's CA {caDir} is writable by others"));
            Assert.That(Directory.GetFileSystemEntries(caDir), Is.Empty);
        }
        finally
        {
            Directory.Delete(caDir, recursive: true);
        }
    }

    [Test]
    public async Task RunAsync_Port0_ServesTheSdkLogsEachRequestAndStopsWith0()
    {
        await using var cli = await CliHarness.StartAsync("--port", "0");
        var twilio = TwilioFor(cli.Url);

        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: twilio);
        var fetched = await ServiceResource.FetchAsync(service.Sid, client: twilio);
        var created = await cli.Out.WaitForLineAsync(l => l.StartsWith("POST /v1/Services ", StringComparison.Ordinal), CliHarness.Timeout);
        var fetchLine = await cli.Out.WaitForLineAsync(l => l.StartsWith("GET /v1/Services/", StringComparison.Ordinal), CliHarness.Timeout);
        var code = await cli.StopAsync();

        Assert.That(cli.Url.Port, Is.Not.Zero);
        Assert.That(fetched.UniqueName, Is.EqualTo("shop"));
        Assert.That(service.Url.ToString(), Does.StartWith(cli.Url.ToString().TrimEnd('/') + "/v1/Services/"));
        Assert.That(created, Does.Match(@"^POST /v1/Services 201 \d+ms CreateService$"));
        Assert.That(fetchLine, Does.Match($@"^GET /v1/Services/{service.Sid} 200 \d+ms FetchService$"));
        Assert.That(code, Is.Zero);
        Assert.That(cli.Out.Lines[^1], Is.EqualTo("Stopping."));
        Assert.That(cli.Error.ToString(), Is.Empty);
    }

    [Test]
    public async Task RunAsync_ErrorAnswer_LoggedWithStatusAndTwilioCode()
    {
        await using var cli = await CliHarness.StartAsync();
        var twilio = TwilioFor(cli.Url);

        Assert.ThrowsAsync<ApiException>(() => ServiceResource.FetchAsync("ZS00000000000000000000000000000000", client: twilio));
        var line = await cli.Out.WaitForLineAsync(l => l.StartsWith("GET ", StringComparison.Ordinal), CliHarness.Timeout);

        Assert.That(line, Does.Match(@"^GET /v1/Services/ZS0{32} 404 \d+ms FetchService \(20404\)$"));
    }

    [Test]
    public async Task RunAsync_StrictCredentialsAndPublicBaseUrl_AreApplied()
    {
        const string sid = "AC0123456789abcdef0123456789abcdef";
        await using var cli = await CliHarness.StartAsync(
            "--account-sid", sid, "--auth-token", "s3cret", "--strict-credentials", "--public-base-url", "https://fake.example.test");
        using var wrongToken = RawFor(cli.Url, sid, "other");

        using var rejected = await wrongToken.GetAsync("/v1/Services");
        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: TwilioFor(cli.Url, sid, "s3cret"));

        Assert.That((int)rejected.StatusCode, Is.EqualTo(401));
        Assert.That(service.AccountSid, Is.EqualTo(sid));
        Assert.That(service.Url.ToString(), Does.StartWith("https://fake.example.test/v1/Services/"));
        Assert.That(cli.Out.Line("Account "), Does.Contain(sid).And.Contain("(strict)"));
    }

    [Test]
    public async Task RunAsync_ManualBuildCompletion_BuildStaysBuilding()
    {
        await using var cli = await CliHarness.StartAsync("--build-completion", "manual");
        var twilio = TwilioFor(cli.Url);
        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: twilio);
        var function = await FunctionResource.CreateAsync(service.Sid, friendlyName: "fn", client: twilio);
        using var upload = new MultipartFormDataContent { { new StringContent("/fn"), "Path" }, { new StringContent("public"), "Visibility" } };
        upload.Add(new ByteArrayContent("exports.handler = () => {};"u8.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("application/javascript") } }, "Content", "fn.js");
        using var raw = RawFor(cli.Url, DefaultSid, "fake-auth-token");
        using var uploaded = await raw.PostAsync($"/v1/Services/{service.Sid}/Functions/{function.Sid}/Versions", upload);
        var versionSid = System.Text.Json.JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("sid").GetString()!;

        var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [versionSid], client: twilio);
        var status = await BuildStatusResource.FetchAsync(service.Sid, build.Sid, client: twilio);
        var again = await BuildStatusResource.FetchAsync(service.Sid, build.Sid, client: twilio);

        Assert.That(status.Status, Is.EqualTo(BuildStatusResource.StatusEnum.Building));
        Assert.That(again.Status, Is.EqualTo(BuildStatusResource.StatusEnum.Building));
    }

    [Test]
    public async Task RunAsync_SameSeed_SameSids()
    {
        await using var first = await CliHarness.StartAsync("--seed", "99");
        await using var second = await CliHarness.StartAsync("--seed", "99");

        var a = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: TwilioFor(first.Url));
        var b = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: TwilioFor(second.Url));

        Assert.That(first.Url, Is.Not.EqualTo(second.Url));
        Assert.That(b.Sid, Is.EqualTo(a.Sid));
    }

    [Test]
    public async Task RunAsync_NoSeed_EachRunMintsDifferentSidsAndPrintsItsSeed()
    {
        await using var first = await CliHarness.StartAsync();
        await using var second = await CliHarness.StartAsync();

        var a = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: TwilioFor(first.Url));
        var b = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: TwilioFor(second.Url));

        Assert.That(b.Sid, Is.Not.EqualTo(a.Sid), "a SID minted before a restart must not name a new resource after it");
        Assert.That(first.Out.Line("Seed "), Does.Match(@"^Seed \d+ \(pass --seed \d+ to repeat these SIDs\)$"));
        Assert.That(first.Out.Line("Seed "), Is.Not.EqualTo(second.Out.Line("Seed ")));
    }

    [Test]
    public async Task RunAsync_PrintedSeed_RepeatsTheSids()
    {
        await using var first = await CliHarness.StartAsync();
        var seed = Regex.Match(first.Out.Line("Seed "), @"--seed (-?\d+)").Groups[1].Value;
        await using var second = await CliHarness.StartAsync("--seed", seed);

        var a = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: TwilioFor(first.Url));
        var b = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: TwilioFor(second.Url));

        Assert.That(b.Sid, Is.EqualTo(a.Sid));
        Assert.That(second.Out.Line("Seed "), Is.EqualTo(first.Out.Line("Seed ")));
    }

    [Test]
    public async Task RunAsync_EnvironmentVariables_ConfigureTheFake()
    {
        const string sid = "AC0123456789abcdef0123456789abcdef";
        var environment = new Dictionary<string, string>
        {
            ["FAKESERVERLESS_PORT"] = "0", ["FAKESERVERLESS_SEED"] = "99", ["FAKESERVERLESS_ACCOUNT_SID"] = sid, ["FAKESERVERLESS_AUTH_TOKEN"] = "s3cret",
        };
        await using var fromEnvironment = await CliHarness.StartAsync(environment.GetValueOrDefault);
        await using var fromFlags = await CliHarness.StartAsync(
            environment.GetValueOrDefault, "--seed", "98", "--account-sid", DefaultSid, "--auth-token", "fake-auth-token");

        var a = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: TwilioFor(fromEnvironment.Url, sid, "s3cret"));
        var b = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: TwilioFor(fromFlags.Url));

        Assert.That(a.AccountSid, Is.EqualTo(sid));
        Assert.That(fromEnvironment.Out.Line("Seed "), Does.StartWith("Seed 99 "));
        Assert.That(fromFlags.Out.Line("Account "), Does.Contain(DefaultSid), "a flag wins over its variable");
        Assert.That(fromFlags.Out.Line("Seed "), Does.StartWith("Seed 98 "));
        Assert.That(b.Sid, Is.Not.EqualTo(a.Sid));
    }

    [Test]
    public async Task RunAsync_BadEnvironmentVariable_Returns1NamingIt()
    {
        var stderr = new LineWriter();

        var code = await CliRunner.RunAsync([], name => name == "FAKESERVERLESS_HOST" ? "everywhere" : null, new LineWriter(), stderr, CancellationToken.None);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr.Lines[0], Does.StartWith("fake-serverless: FAKESERVERLESS_HOST: --host must be an IP address"));
    }

    [Test]
    public async Task RunAsync_Loopback_NoWarning()
    {
        await using var cli = await CliHarness.StartAsync("--host", "127.0.0.1");

        Assert.That(cli.Out.Lines[0], Does.StartWith("Listening on http://127.0.0.1:"));
        Assert.That(cli.Error.ToString(), Is.Empty);
    }

    [Test]
    public async Task RunAsync_AllAddresses_ServesThroughLoopbackAndWarns()
    {
        await using var cli = await CliHarness.StartAsync("--host", "0.0.0.0");
        var loopback = new Uri($"http://127.0.0.1:{cli.Url.Port}");

        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: TwilioFor(loopback));

        Assert.That(cli.Url.Host, Is.EqualTo("0.0.0.0"));
        Assert.That(service.UniqueName, Is.EqualTo("shop"));
        Assert.That(cli.Error.Lines[0], Does.StartWith("Warning: listening on 0.0.0.0 ").And.Contain("--control-token"));
    }

    [Test]
    public async Task RunAsync_AlreadyCancelled_Returns0WithoutListening()
    {
        var stdout = new LineWriter();

        var code = await CliRunner.RunAsync([], NoEnvironment, stdout, new LineWriter(), new CancellationToken(canceled: true));

        Assert.That(code, Is.Zero);
        Assert.That(stdout.Lines, Has.None.StartWith("Listening on"));
    }

    [Test]
    public async Task Format_DroppedConnection_SaysDropped()
    {
        await using var fake = FakeServerlessServer.StartInMemory();
        fake.Faults.When("ListService").DropConnection();
        using var client = fake.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = BasicAuth(fake.AccountSid, fake.AuthToken);

        Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("https://serverless.twilio.com/v1/Services"));

        Assert.That(ServeRunner.Format(fake.Journal.Entries.Single()), Does.Match(@"^GET /v1/Services dropped \d+ms ListService$"));
    }

    [Test]
    public async Task Format_DomainRequest_ShowsTheDomainHost()
    {
        await using var fake = FakeServerlessServer.StartInMemory();
        var account = fake.Account();
        var service = account.CreateService("shop");
        var environment = account.CreateEnvironment(service.Sid, "dev", "dev");
        using var client = fake.CreateHttpClient();

        using var response = await client.GetAsync($"https://{environment.DomainName}/missing");

        Assert.That((int)response.StatusCode, Is.EqualTo(404));
        Assert.That(ServeRunner.Format(fake.Journal.Entries.Single()), Does.Match($@"^GET //{Regex.Escape(environment.DomainName)}/missing 404 \d+ms ServeDomain"));
    }
}
