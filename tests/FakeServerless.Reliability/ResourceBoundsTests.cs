using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using FakeServerless.Reliability.Support;
using FakeServerless.Tests.Support;

namespace FakeServerless.Reliability;

/// <summary>
/// Oversize bodies, many headers, idle and slow connections, 100,000 deployments: the fake answers quickly, keeps answering
/// others, and its memory stays bounded. Figures are printed; the bounds asserted are loose (this is not a benchmark).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class ResourceBoundsTests
{
    private const string Account = "AC00000000000000000000000000000001";
    private const long MiB = 1024 * 1024;

    [Test]
    public async Task OversizeUploads_TenOf25MB_413AndRssBounded()
    {
        using var target = await Target.StartAsync("Http");
        var api = new Api(target.Client, Account);
        var canary = await Canary.CreateAsync(api);
        var payload = new byte[25 * MiB];
        var before = SettledRss();
        var clock = Stopwatch.StartNew();
        var statuses = new List<int>();

        for (var i = 0; i < 10; i++)
        {
            using var content = new ByteArrayContent(payload);
            content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b0undary");
            var (status, _) = await api.SendAsync(HttpMethod.Post, $"https://serverless-upload.twilio.com/v1/Services/{canary.ServiceSid}/Functions/{canary.FunctionSid}/Versions", content: content);
            statuses.Add(status);
        }

        var growth = SettledRss() - before;
        TestContext.Progress.WriteLine($"Oversize: 10 x 25 MB uploads answered {string.Join(',', statuses.Distinct())} in {clock.Elapsed.TotalSeconds:0.0}s, RSS growth {growth / MiB} MB.");
        Assert.That(statuses, Is.All.EqualTo(413));
        Assert.That(growth, Is.LessThan(256 * MiB), "rejected bodies are not buffered");
    }

    [Test]
    public async Task ManyHeaders_UnderAndOverKestrelsLimit_AnsweredOrRefused()
    {
        using var target = await Target.StartAsync("Http");
        var auth = "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Account}:token")) + "\r\n";
        var many = string.Concat(Enumerable.Range(0, 90).Select(i => $"X-Many-{i}: {new string('v', 100)}\r\n"));
        var tooMany = string.Concat(Enumerable.Range(0, 400).Select(i => $"X-Many-{i}: {new string('v', 100)}\r\n"));

        var answered = await RawHttp.SendAsync(target.Endpoint!, $"GET /v1/Services HTTP/1.1\r\nHost: x\r\n{auth}{many}Connection: close\r\n\r\n");
        var refused = await RawHttp.SendAsync(target.Endpoint!, $"GET /v1/Services HTTP/1.1\r\nHost: x\r\n{auth}{tooMany}Connection: close\r\n\r\n");
        Figures.Request();
        Figures.Request();

        Assert.That(answered.Status, Is.EqualTo(200), answered.Body);
        Assert.That(refused.Status, Is.EqualTo(431), "Kestrel's own refusal: at most 100 headers, 32 KB");
    }

    [Test]
    public async Task IdleAndSlowConnections_ServerKeepsAnsweringOthers()
    {
        using var target = await Target.StartAsync("Http");
        var api = new Api(target.Client, Account);
        var idle = new List<TcpClient>();
        try
        {
            for (var i = 0; i < Scale.Of(100); i++)
            {
                var client = new TcpClient();
                await client.ConnectAsync(target.Endpoint!.Host, target.Endpoint.Port);
                await client.GetStream().WriteAsync("GET /v1/Serv"u8.ToArray()); // a request line never finished
                idle.Add(client);
            }

            var slow = RawHttp.SendAsync(
                target.Endpoint!,
                Encoding.ASCII.GetBytes($"POST /v1/Services HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nUniqueName="),
                stream => RawHttp.TrickleAsync(stream, 40));

            var statuses = new List<int>();
            for (var i = 0; i < 50; i++)
            {
                statuses.Add((await api.GetAsync("/Services")).Status);
            }

            var slowAnswer = await slow;
            Figures.Request();
            TestContext.Progress.WriteLine($"Connections: {idle.Count} idle, one slow sender answered {slowAnswer.Status}; 50 others answered {string.Join(',', statuses.Distinct())}.");
            Assert.That(statuses, Is.All.EqualTo(200));
            Assert.That(slowAnswer.Status, Is.EqualTo(408), slowAnswer.Body);
            Assert.That(TwilioShape.IsError(slowAnswer.Body, 408), Is.True, slowAnswer.Body);
        }
        finally
        {
            idle.ForEach(c => c.Dispose());
        }
    }

    [Test]
    public async Task HundredThousandDeployments_InMemory_ListAndFetchStillAnswer()
    {
        using var target = await Target.StartAsync("InMemory");
        var api = new Api(target.Client, Account);
        var canary = await Canary.CreateAsync(api);
        var account = target.Fake!.Account();
        var other = account.CreateBuild(canary.ServiceSid, [canary.FunctionVersionSid]).Sid;
        var before = SettledRss();
        var clock = Stopwatch.StartNew();
        string? last = null;
        for (var i = 0; i < 100_000; i++)
        {
            last = account.Deploy(canary.ServiceSid, canary.EnvironmentSid, i % 2 == 0 ? other : canary.BuildSid).Sid;
        }

        var elapsed = clock.Elapsed;
        var growth = SettledRss() - before;
        var (listStatus, listBody) = await api.GetAsync($"/Services/{canary.ServiceSid}/Environments/{canary.EnvironmentSid}/Deployments?PageSize=5");
        var (fetchStatus, _) = await api.GetAsync($"/Services/{canary.ServiceSid}/Environments/{canary.EnvironmentSid}/Deployments/{last}");
        TestContext.Progress.WriteLine($"Deployments: 100,000 in {elapsed.TotalSeconds:0.0}s, RSS growth {growth / MiB} MB; list and fetch {listStatus}/{fetchStatus}.");
        Assert.That(listStatus, Is.EqualTo(200));
        Assert.That(listBody, Does.Contain(last));
        Assert.That(fetchStatus, Is.EqualTo(200));
        Assert.That(growth, Is.LessThan(1024 * MiB), "about a kilobyte a deployment at most");
    }

    private static long SettledRss()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Figures.SampleRss();
    }
}
