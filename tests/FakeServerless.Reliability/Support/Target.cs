using FakeServerless.Transports;

namespace FakeServerless.Reliability.Support;

/// <summary>One way to reach a fake: in memory, on a real port in this process, or the standalone CLI as a child process.</summary>
internal sealed class Target : IDisposable
{
    private Target(string name, HttpClient client, Uri? endpoint, FakeServerlessServer? fake, CliProcess? cli)
    {
        Name = name;
        Client = client;
        Endpoint = endpoint;
        Fake = fake;
        Cli = cli;
    }

    public string Name { get; }

    /// <summary>Sends requests to https://serverless.twilio.com/… (and *.twil.io) to this fake.</summary>
    public HttpClient Client { get; }

    /// <summary>The real port, for raw-socket requests; null in memory.</summary>
    public Uri? Endpoint { get; }

    public FakeServerlessServer? Fake { get; }

    public CliProcess? Cli { get; }

    public static IEnumerable<string> Names => ["InMemory", "Http", "Cli", "ProxyTls", "ProxyPlain"];

    public static async Task<Target> StartAsync(string name)
    {
        switch (name)
        {
            case "InMemory":
            {
                var fake = FakeServerlessServer.StartInMemory();
                return new Target(name, fake.CreateHttpClient(), null, fake, null);
            }

            case "Http":
            {
                var fake = await FakeServerlessServer.StartAsync();
                return new Target(name, fake.CreateHttpClient(), fake.Url, fake, null);
            }

            case "ProxyTls" or "ProxyPlain":
            {
                // Every request through the fake's intercepting proxy: HTTPS in a CONNECT tunnel, or rewritten to http:// so it goes
                // as a plain proxy request (absolute-form).
                var fake = Proxied.Start();
                var client = Proxied.Client(fake, plain: name == "ProxyPlain");
                return new Target(name, client, null, fake, null);
            }

            default:
            {
                var cli = await CliProcess.StartAsync();
                var handler = new RedirectingHandler(cli.Url, new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
                return new Target(name, new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) }, cli.Url, null, cli);
            }
        }
    }

    /// <summary>The process the fake lives in is still running (always true in process).</summary>
    public bool IsAlive => Cli is null || !Cli.HasExited;

    public void Dispose()
    {
        Client.Dispose();
        Fake?.Dispose();
        if (Fake?.ProxyUrl is not null)
        {
            Proxied.Cleanup(Fake);
        }

        Cli?.Dispose();
    }
}
