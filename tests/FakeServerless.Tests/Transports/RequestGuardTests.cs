using System.Text;
using System.Text.Json;
using FakeServerless.Tests.Support;

namespace FakeServerless.Tests.Transports;

/// <summary>
/// Requests WireMock could not turn into a URL, or whose body Kestrel refused while it was read: each gets a Twilio-shaped answer
/// (never WireMock's serialized exception) that also shows in the journal and the log.
/// </summary>
[Parallelizable(ParallelScope.All)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class RequestGuardTests : IDisposable
{
    private const string Auth = "Authorization: Basic QUMwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMTpmYWtlLWF1dGgtdG9rZW4=\r\n";

    private readonly RecordingLoggerFactory _log = new();
    private readonly FakeServerlessServer _fake;

    public RequestGuardTests() => _fake = FakeServerlessServer.Start(o => o.LoggerFactory = _log);

    public void Dispose() => _fake.Dispose();

    [Test]
    public async Task InvokeAsync_EmptyHost_AnswersAsTheLocalAddress()
    {
        var answer = await RawHttp.SendAsync(_fake.Url, $"GET /v1/Services HTTP/1.1\r\nHost:\r\n{Auth}Connection: close\r\n\r\n");

        Assert.That(answer.Status, Is.EqualTo(200), answer.Body);
        Assert.That(answer.Body, Does.Contain($"\"url\":\"http://127.0.0.1:{_fake.Url.Port}/v1/Services"));
        Assert.That(_fake.Journal.Entries.Single().Operation, Is.EqualTo("ListService"));
    }

    [Test]
    public async Task InvokeAsync_Http10WithoutHost_AnswersAsTheLocalAddress()
    {
        var answer = await RawHttp.SendAsync(_fake.Url, $"GET /v1/Services HTTP/1.0\r\n{Auth}\r\n");

        Assert.That(answer.Status, Is.EqualTo(200), answer.Body);
        Assert.That(_fake.Journal.Entries.Single().Operation, Is.EqualTo("ListService"));
    }

    [Test]
    public async Task InvokeAsync_HostOf300Characters_Answers400TwilioShapedAndJournals()
    {
        var answer = await RawHttp.SendAsync(_fake.Url, $"GET /v1/Services HTTP/1.1\r\nHost: {new string('a', 300)}\r\n{Auth}Connection: close\r\n\r\n");

        AssertTwilioError(answer, 400, 20001);
        var entry = _fake.Journal.Entries.Single();
        Assert.That(entry.StatusCode, Is.EqualTo(400));
        Assert.That(_log.Lines.Select(l => l.Message), Has.Some.StartsWith("GET /v1/Services 400 "));
    }

    [Test]
    public async Task InvokeAsync_ContentLengthOverTheLimit_Answers413BeforeReadingTheBody()
    {
        var limit = _fake.Options.MaxFormBodyBytes;
        var answer = await RawHttp.SendAsync(
            _fake.Url,
            $"POST /v1/Services HTTP/1.1\r\nHost: 127.0.0.1\r\n{Auth}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {limit + 1}\r\n\r\nUniqueName=x");

        AssertTwilioError(answer, 413, 20413);
        Assert.That(_fake.Journal.Entries.Single().StatusCode, Is.EqualTo(413));
    }

    [Test]
    public async Task InvokeAsync_ChunkedBodyOverTheLimit_Answers413WhileStreaming()
    {
        var chunk = new string('a', 64 * 1024);
        var chunkText = $"{chunk.Length:x}\r\n{chunk}\r\n";
        var answer = await RawHttp.SendAsync(
            _fake.Url,
            Encoding.ASCII.GetBytes($"POST /v1/Services HTTP/1.1\r\nHost: 127.0.0.1\r\n{Auth}Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"),
            async stream =>
            {
                var bytes = Encoding.ASCII.GetBytes(chunkText);
                try
                {
                    // Never ends: the fake must stop reading at its limit, not wait for the end.
                    for (var sent = 0L; sent <= _fake.Options.MaxFormBodyBytes + chunk.Length; sent += chunk.Length)
                    {
                        await stream.WriteAsync(bytes);
                    }
                }
                catch (IOException)
                {
                    // the fake closed the connection after answering
                }
            });

        AssertTwilioError(answer, 413, 20413);
    }

    [Test]
    public async Task InvokeAsync_BodySlowerThanTheMinimumRate_Answers408TwilioShaped()
    {
        var answer = await RawHttp.SendAsync(
            _fake.Url,
            Encoding.ASCII.GetBytes($"POST /v1/Services HTTP/1.1\r\nHost: 127.0.0.1\r\n{Auth}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nUniqueName="),
            stream => RawHttp.TrickleAsync(stream, 30));

        AssertTwilioError(answer, 408, 20408);
        Assert.That(_fake.Journal.Entries.Single().StatusCode, Is.EqualTo(408));
    }

    [Test]
    public async Task InvokeAsync_LongBody_WireMockLogKeepsItTruncated()
    {
        var value = new string('v', 100_000);
        using var http = _fake.CreateHttpClient();
        using var content = new FormUrlEncodedContent([new("UniqueName", value)]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://serverless.twilio.com/v1/Services") { Content = content };
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_fake.AccountSid}:{_fake.AuthToken}")));
        using var response = await http.SendAsync(request);

        var logged = _fake.WireMock.LogEntries.Single().RequestMessage!;
        var journaled = _fake.Journal.Entries.Single().Parameter("UniqueName")!;
        Assert.That((int)response.StatusCode, Is.EqualTo(400), "the engine read the whole body (UniqueName too long)");
        Assert.That(logged.Body!.Length, Is.LessThan(5000));
        Assert.That(logged.Body, Does.EndWith("…[truncated 95915 bytes]"));
        Assert.That(journaled, Is.EqualTo(new string('v', 4096) + "…[truncated 95904 bytes]"));
    }

    /// <summary>
    /// What Kestrel answers itself, before any code of the fake runs (documented in the README): an empty body, Content-Length 0,
    /// Connection: close; nothing journaled.
    /// </summary>
    [TestCase("431", 431)]
    [TestCase("414", 414)]
    [TestCase("nul", 400)]
    [TestCase("two-hosts", 400)]
    [TestCase("http11-no-host", 400)]
    public async Task Kestrel_RequestRefusedBeforeTheFake_EmptyBodyNotJournaled(string kind, int status)
    {
        var request = kind switch
        {
            "431" => "GET /v1/Services HTTP/1.1\r\nHost: 127.0.0.1\r\n" + string.Concat(Enumerable.Range(0, 200).Select(i => $"X-H{i}: {new string('a', 200)}\r\n")) + "\r\n",
            "414" => $"GET /v1/Services?{new string('a', 9000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            "nul" => "GET /v1/%00 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            "two-hosts" => "GET /v1/Services HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
            _ => "GET /v1/Services HTTP/1.1\r\n\r\n",
        };

        var answer = await RawHttp.SendAsync(_fake.Url, request);

        Assert.That(answer.Status, Is.EqualTo(status), answer.Head);
        Assert.That(answer.Header("Content-Length"), Is.EqualTo("0"));
        Assert.That(answer.Header("Connection"), Is.EqualTo("close"));
        Assert.That(_fake.Journal.Entries, Is.Empty);
    }

    private static void AssertTwilioError(RawHttp.Answer answer, int status, int code)
    {
        Assert.That(answer.Status, Is.EqualTo(status), answer.Head + answer.Body);
        using var json = JsonDocument.Parse(answer.Body);
        Assert.That(json.RootElement.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "code", "message", "more_info", "status" }), answer.Body);
        Assert.That(json.RootElement.GetProperty("code").GetInt32(), Is.EqualTo(code), answer.Body);
        Assert.That(json.RootElement.GetProperty("status").GetInt32(), Is.EqualTo(status), answer.Body);
    }
}
