using System.Net;
using System.Net.Sockets;
using System.Text;
using FakeServerless.Tests.Support;

namespace FakeServerless.Proxy.Tests.Connections;

/// <summary>
/// Idle sockets cannot hold the proxy (issue 17, item 8): past a client's idle limit, or the proxy's total, the oldest idle
/// connection is closed and the newcomer served; only a proxy whose every connection is busy answers 503. Real sockets; a second
/// client address is 127.0.0.2 (loopback on Linux).
/// </summary>
[Parallelizable(ParallelScope.All)]
[Platform(Include = "Linux", Reason = "127.0.0.2 is a loopback address a client can bind on Linux.")]
public sealed class ConnectionBudgetTests
{
    private static readonly string Request =
        "GET http://serverless.twilio.com/v1/Services HTTP/1.1\r\nHost: serverless.twilio.com\r\nAuthorization: Basic " +
        Convert.ToBase64String(Encoding.UTF8.GetBytes("AC00000000000000000000000000000001:fake-auth-token")) + "\r\n\r\n";

    [Test]
    public async Task IdleConnections_PastTheClientsLimit_ItsOldestIdleClosedAndTheNewOneServed()
    {
        using var proxy = new ProxyFake(o => o.ProxyAddOn()!.Limits = new ProxyLimits { MaxIdlePerClient = 2 });
        using var first = await ConnectAsync(proxy, "127.0.0.1");
        using var second = await ConnectAsync(proxy, "127.0.0.1");
        await WaitForOpenAsync(proxy, 2);

        using var third = await ConnectAsync(proxy, "127.0.0.1");

        Assert.That(await ClosedByTheProxyAsync(first), Is.True, "the oldest idle connection is closed");
        Assert.That((await AskAsync(third)).Status, Is.EqualTo(200));
        Assert.That((await AskAsync(second)).Status, Is.EqualTo(200), "the younger idle connection still serves");
    }

    [Test]
    public async Task SixHundredIdleSockets_DefaultLimits_ANewClientIsStillServed()
    {
        // Issue 17's reproduction: 512 idle sockets used to make the proxy answer 503 to everyone for 30 s (120 s after TLS).
        using var proxy = new ProxyFake();
        var idle = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 600; i++)
            {
                idle.Add(await ConnectAsync(proxy, "127.0.0.1"));
            }

            using var newcomer = await ConnectAsync(proxy, "127.0.0.1");

            Assert.That((await AskAsync(newcomer)).Status, Is.EqualTo(200));
            Assert.That(proxy.Fake.AddOn<ProxyServer>()!.Budget.Open, Is.LessThanOrEqualTo(new ProxyLimits().MaxIdlePerClient + 1));
        }
        finally
        {
            idle.ForEach(c => c.Dispose());
        }
    }

    [Test]
    public async Task IdleConnections_OfOneClient_NeverCloseAnotherClients()
    {
        using var proxy = new ProxyFake(o => o.ProxyAddOn()!.Limits = new ProxyLimits { MaxIdlePerClient = 1 });
        using var other = await ConnectAsync(proxy, "127.0.0.2");
        using var mine = await ConnectAsync(proxy, "127.0.0.1");
        await WaitForOpenAsync(proxy, 2);

        using var again = await ConnectAsync(proxy, "127.0.0.1");

        Assert.That(await ClosedByTheProxyAsync(mine), Is.True);
        Assert.That((await AskAsync(other)).Status, Is.EqualTo(200), "127.0.0.2's idle connection is its own");
        Assert.That((await AskAsync(again)).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task Connections_PastTheTotal_OldestIdleOfAnyClientClosed()
    {
        using var proxy = new ProxyFake(o => o.ProxyAddOn()!.Limits = new ProxyLimits { MaxConnections = 2 });
        using var oldest = await ConnectAsync(proxy, "127.0.0.2");
        using var younger = await ConnectAsync(proxy, "127.0.0.1");
        await WaitForOpenAsync(proxy, 2);

        using var newcomer = await ConnectAsync(proxy, "127.0.0.1");

        Assert.That(await ClosedByTheProxyAsync(oldest), Is.True);
        Assert.That((await AskAsync(newcomer)).Status, Is.EqualTo(200));
        Assert.That((await AskAsync(younger)).Status, Is.EqualTo(200));
    }

    [Test]
    public async Task EveryConnectionBusy_NewConnection_Answers503ThenServesOnceOneIsFree()
    {
        using var proxy = new ProxyFake(o => o.ProxyAddOn()!.Limits = new ProxyLimits { MaxConnections = 1 });
        using var release = new SemaphoreSlim(0);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scenario = proxy.Fake.Seed().ServiceLiveIn("staging");
        var path = scenario.Functions[0].Path;
        var domain = scenario.Environment("staging").DomainName;
        proxy.Fake.MapFunction(path, async (_, _, ct) =>
        {
            started.TrySetResult();
            await release.WaitAsync(ct);
            return FunctionResponse.Text("done");
        });
        using var busy = await ConnectAsync(proxy, "127.0.0.1");
        var busyAnswer = AskAsync(busy, $"GET http://{domain}{path} HTTP/1.1\r\nHost: {domain}\r\n\r\n");
        await started.Task.WaitAsync(RawHttp.Timeout);

        using var refused = await ConnectAsync(proxy, "127.0.0.1");
        using var cancel = new CancellationTokenSource(RawHttp.Timeout);
        var refusal = await RawHttp.ReadAsync(refused.GetStream(), cancel.Token);
        release.Release();
        var served = await busyAnswer;
        using var later = await ConnectAsync(proxy, "127.0.0.1");

        Assert.That(refusal.Status, Is.EqualTo(503), refusal.Head + refusal.Body);
        Assert.That(refusal.Body, Does.Contain("busy"));
        Assert.That(served.Body, Is.EqualTo("done"), "the busy connection was never closed");
        Assert.That((await AskAsync(later)).Status, Is.EqualTo(200), "once answered, the busy connection is idle and makes room");
        Assert.That(await ClosedByTheProxyAsync(busy), Is.True);
    }

    private static async Task<TcpClient> ConnectAsync(ProxyFake proxy, string from)
    {
        var client = new TcpClient(new IPEndPoint(IPAddress.Parse(from), 0));
        await client.ConnectAsync(proxy.Fake.ProxyUrl!.Host, proxy.Fake.ProxyUrl!.Port);
        return client;
    }

    private static async Task<RawHttp.Answer> AskAsync(TcpClient client, string? request = null)
    {
        using var cancel = new CancellationTokenSource(RawHttp.Timeout);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request ?? Request), cancel.Token);
        return await RawHttp.ReadAsync(stream, cancel.Token);
    }

    /// <summary>True when the proxy closes <paramref name="client"/> (end of stream or a reset) within <paramref name="wait"/>.</summary>
    private static async Task<bool> ClosedByTheProxyAsync(TcpClient client, TimeSpan? wait = null)
    {
        using var cancel = new CancellationTokenSource(wait ?? RawHttp.Timeout);
        try
        {
            return await client.GetStream().ReadAsync(new byte[1], cancel.Token) == 0;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The proxy accepts connections on its own threads: wait until it counts <paramref name="count"/>.</summary>
    private static Task WaitForOpenAsync(ProxyFake proxy, int count) =>
        WaitUntilAsync(() => proxy.Fake.AddOn<ProxyServer>()!.Budget.Open == count, $"{count} open connections");

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var cancel = new CancellationTokenSource(RawHttp.Timeout);
        while (!condition())
        {
            await Task.Delay(10, cancel.Token).ConfigureAwait(false);
        }

        Assert.That(condition(), Is.True, what);
    }
}
