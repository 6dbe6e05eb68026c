using System.Net;
using System.Net.Sockets;
using WireMockRequest = WireMock.RequestBuilders.Request;
using WireMockResponse = WireMock.ResponseBuilders.Response;

namespace FakeServerless.Tests;

[Parallelizable(ParallelScope.All)]
public sealed class FakeServerlessServerTests
{
    [Test]
    public void Start_Default_ServesOnAFreeLoopbackPort()
    {
        using var fake = FakeServerlessServer.Start();

        Assert.That((fake.Url.Scheme, fake.Url.Host), Is.EqualTo(("http", "127.0.0.1")));
        Assert.That(fake.Url.Port, Is.GreaterThan(0));
        Assert.That(fake.Options.Transport, Is.EqualTo(FakeServerlessTransport.Http));
    }

    [Test]
    public async Task StartAsync_Default_AnswersOverItsPort()
    {
        await using var fake = await FakeServerlessServer.StartAsync();
        using var raw = new HttpClient();

        var response = await raw.GetAsync(new Uri(fake.Url, "/v1/Services"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public void Start_WithConfigure_AppliesOptionsAndKeepsACopy()
    {
        var options = new FakeServerlessOptions();
        using var fake = FakeServerlessServer.Start(o =>
        {
            o.AccountSid = "AC11111111111111111111111111111111";
            o.Transport = FakeServerlessTransport.InMemory;
        });
        using var second = FakeServerlessServer.Start(options);
        options.AuthToken = "changed-later";

        Assert.That((fake.AccountSid, fake.Url), Is.EqualTo(("AC11111111111111111111111111111111", FakeServerlessServer.InMemoryUrl)));
        Assert.That(second.AuthToken, Is.EqualTo("fake-auth-token"));
    }

    [Test]
    public void Options_ChangedAfterStart_HaveNoEffect()
    {
        var options = new FakeServerlessOptions { DefaultRuntime = "node20", Transport = FakeServerlessTransport.InMemory };
        using var fake = FakeServerlessServer.Start(options);
        options.DefaultRuntime = "node24";
        options.BuildCompletion = BuildCompletion.Manual;
        fake.Options.DefaultRuntime = "node24";
        var account = fake.Account();
        var service = account.CreateService("opts");
        var function = account.CreateFunction(service.Sid, "f");
        var version = account.CreateFunctionVersion(service.Sid, function.Sid, "/f", "x");

        var build = account.CreateBuild(service.Sid, [version.Sid]);

        Assert.That(build.Runtime, Is.EqualTo("node20"));
        Assert.That(fake.Snapshot().Builds.Single().Status, Is.EqualTo(BuildStatus.Completed), "still the immediate completion it started with");
        Assert.That(fake.Options.DefaultRuntime, Is.EqualTo("node20"));
        Assert.That(fake.Options, Is.Not.SameAs(fake.Options));
    }

    [TestCase("node18")]
    [TestCase("node99")]
    [TestCase("Node22")]
    public void Start_DefaultRuntimeTwilioDoesNotRun_ThrowsNamingTheAcceptedOnes(string runtime)
    {
        var error = Assert.Throws<ArgumentException>(() => FakeServerlessServer.StartInMemory(new FakeServerlessOptions { DefaultRuntime = runtime }));

        Assert.That(error!.ParamName, Is.EqualTo("DefaultRuntime"));
        Assert.That(error.Message, Does.Contain($"'{runtime}'").And.Contain("node20, node22, node24"));
    }

    [Test]
    public async Task Latency_ClientGoesAwayOverHttp_TheEngineStopsWaiting()
    {
        using var fake = FakeServerlessServer.Start();
        var rule = fake.Faults.When("ListService").WithLatency(TimeSpan.FromMinutes(5)).Once();
        using var client = fake.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{fake.AccountSid}:{fake.AuthToken}")));
        using var gone = new CancellationTokenSource();
        var call = client.GetAsync(new Uri("https://serverless.twilio.com/v1/Services"), gone.Token);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (rule.Remaining != 0)
        {
            await Task.Delay(20, patience.Token); // until the engine has taken the request and started the latency
        }

        await gone.CancelAsync();
        Assert.CatchAsync<OperationCanceledException>(() => call);

        // Without the request's token the engine would sit out the five minutes before journaling anything.
        while (fake.Journal.OfOperation("ListService").Count == 0)
        {
            await Task.Delay(20, patience.Token);
        }

        var entry = fake.Journal.OfOperation("ListService").Single();
        Assert.That(entry.StatusCode, Is.Zero);
        Assert.That(entry.Fault, Does.Contain("cancelled: the client went away"));
    }

    [Test]
    public void WireMock_InMemory_ThrowsSayingWhy()
    {
        using var fake = FakeServerlessServer.StartInMemory();

        var error = Assert.Throws<InvalidOperationException>(() => _ = fake.WireMock);

        Assert.That(error!.Message, Does.Contain("in-memory transport has no WireMock server"));
    }

    [Test]
    public async Task WireMock_UserStub_TakesPriorityOverTheFake()
    {
        using var fake = FakeServerlessServer.Start();
        fake.WireMock.Given(WireMockRequest.Create().WithPath("/v1/Services").UsingGet())
            .RespondWith(WireMockResponse.Create().WithStatusCode(418).WithBody("stubbed"));
        var client = fake.CreateHttpClient();

        var stubbed = await client.GetAsync("https://serverless.twilio.com/v1/Services");
        var notStubbed = await client.GetAsync("https://serverless.twilio.com/v1/Services/ZS00000000000000000000000000000001");

        Assert.That(((int)stubbed.StatusCode, await stubbed.Content.ReadAsStringAsync()), Is.EqualTo((418, "stubbed")));
        Assert.That(notStubbed.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCase(FakeServerlessTransport.Http)]
    [TestCase(FakeServerlessTransport.InMemory)]
    public void Dispose_WithClients_DisposesThemAndRefusesNewOnes(FakeServerlessTransport transport)
    {
        var fake = FakeServerlessServer.Start(new FakeServerlessOptions { Transport = transport });
        var client = fake.CreateHttpClient();

        fake.Dispose();
        fake.Dispose();

        Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetAsync("https://serverless.twilio.com/v1/Services"));
        Assert.Throws<ObjectDisposedException>(() => fake.CreateHttpClient());
    }

    [Test]
    public void Start_PortInUse_ThrowsSayingSo()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var error = Assert.Throws<ListenException>(() => FakeServerlessServer.Start(new FakeServerlessOptions { Port = port }));

        Assert.That(error!.Message, Does.StartWith($"Cannot listen on 127.0.0.1:{port}"));
        Assert.That((error.Role, error.Port, error.AddressInUse), Is.EqualTo((ListenerRole.Api, port, true)));
    }

    [Test]
    public async Task CreateHandler_OwnPipeline_SendsTwilioHostsToTheFake()
    {
        using var fake = FakeServerlessServer.Start();
        using var client = new HttpClient(fake.CreateHandler());

        var response = await client.GetAsync("https://serverless.twilio.com/v1/Nope");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(fake.Journal.Entries.Single().Path, Is.EqualTo("/v1/Nope"));
    }
}
