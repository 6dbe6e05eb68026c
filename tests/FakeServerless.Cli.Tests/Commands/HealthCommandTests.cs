using System.Net;
using System.Net.Sockets;
using FakeServerless.Cli.Commands;
using FakeServerless.Cli.Tests.Support;

namespace FakeServerless.Cli.Tests.Commands;

[Parallelizable(ParallelScope.All)]
public sealed class HealthCommandTests
{
    private static async Task<(int Code, LineWriter Out, LineWriter Error)> HealthAsync(Func<string, string?> environment, params string[] args)
    {
        var stdout = new LineWriter();
        var stderr = new LineWriter();
        var code = await CliRunner.RunAsync(["health", .. args], environment, stdout, stderr, CancellationToken.None).WaitAsync(CliHarness.Timeout);
        return (code, stdout, stderr);
    }

    [Test]
    public async Task Health_StatusOk_Exits0()
    {
        await using var stub = new StubHttpServer(200, """{"status":"ok","uptime_seconds":3}""");

        var (code, stdout, stderr) = await HealthAsync(_ => null, "--url", stub.Url.ToString());

        Assert.That(code, Is.Zero, stderr.ToString());
        Assert.That(stdout.Lines[0], Is.EqualTo($"healthy: {stub.Url}_fake/health"));
        Assert.That(stub.Requests[0], Does.StartWith("GET /_fake/health HTTP/1.1"));
        Assert.That(stub.Requests[0], Does.Not.Contain("Authorization"));
    }

    [TestCase(200, """{"status":"starting"}""", "answered 200 with status starting")]
    [TestCase(200, "not json", "answered 200 with status missing")]
    [TestCase(401, """{"code":20003}""", "answered 401 Stub")]
    [TestCase(503, """{"status":"degraded","reason":"disk full"}""", "answered 503 Stub (status degraded: disk full)")]
    public async Task Health_NotOk_Exits1WithReason(int status, string body, string reason)
    {
        await using var stub = new StubHttpServer(status, body);

        var (code, stdout, stderr) = await HealthAsync(_ => null, "--url", stub.Url.ToString());

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr.Lines, Has.Count.EqualTo(1));
        Assert.That(stderr.Lines[0], Does.StartWith($"unhealthy: GET {stub.Url}_fake/health ").And.EndWith(reason));
        Assert.That(stdout.ToString(), Is.Empty);
    }

    [Test]
    public async Task Health_NothingListening_Exits1CannotReach()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var (code, _, stderr) = await HealthAsync(_ => null, "--url", $"http://127.0.0.1:{port}");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr.Lines[0], Does.StartWith($"unhealthy: cannot reach http://127.0.0.1:{port}/_fake/health: "));
    }

    [Test]
    public async Task Health_RunningFake_Exits0()
    {
        await using var cli = await CliHarness.StartAsync();

        var (code, stdout, stderr) = await HealthAsync(_ => null, "--url", cli.Url.ToString());

        Assert.That(code, Is.Zero, stderr.ToString());
        Assert.That(stdout.Lines[0], Is.EqualTo($"healthy: {cli.Url}_fake/health"));
    }

    [Test]
    public async Task Health_ControlTokenFlag_SentAsBearer()
    {
        await using var stub = new StubHttpServer(200, """{"status":"ok"}""");

        var (code, _, _) = await HealthAsync(_ => null, "--url", stub.Url.ToString(), "--control-token", "s3cret");

        Assert.That(code, Is.Zero);
        Assert.That(stub.Requests[0], Does.Contain("Authorization: Bearer s3cret"));
    }

    [Test]
    public async Task Health_EnvironmentOnly_UsesTheFakesPortAndToken()
    {
        await using var stub = new StubHttpServer(200, """{"status":"ok"}""");
        var environment = new Dictionary<string, string>
        {
            ["FAKESERVERLESS_HOST"] = "0.0.0.0",
            ["FAKESERVERLESS_PORT"] = stub.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["FAKESERVERLESS_CONTROL_TOKEN"] = "from-env",
        };

        var (code, stdout, stderr) = await HealthAsync(environment.GetValueOrDefault);

        Assert.That(code, Is.Zero, stderr.ToString());
        Assert.That(stdout.Lines[0], Is.EqualTo($"healthy: {stub.Url}_fake/health"));
        Assert.That(stub.Requests[0], Does.Contain("Authorization: Bearer from-env"));
    }

    [Test]
    public void DefaultUrl_NoEnvironment_IsLoopback4010()
    {
        Assert.That(new HealthCommand(_ => null).DefaultUrl(), Is.EqualTo(new Uri("http://127.0.0.1:4010")));
    }
}
