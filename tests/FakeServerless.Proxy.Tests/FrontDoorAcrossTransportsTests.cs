using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using FakeServerless.Tests.Support;

namespace FakeServerless.Proxy.Tests;

/// <summary>
/// One table of hostile requests sent through every transport — the WireMock port and the proxy over real sockets, the in-memory
/// handler in process — with the same limits. Each transport must give the same answer (status and Twilio code) and journal the
/// same entry (operation, status, code, path): the rules live in one front door, so none can forget one.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class FrontDoorAcrossTransportsTests
{
    private const string ApiHost = "serverless.twilio.com";
    private const string Service = "ZS00000000000000000000000000000000";
    private const string Asset = "ZH00000000000000000000000000000000";
    private const string Boundary = "fakeserverless-boundary";

    private static readonly string Authorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("AC00000000000000000000000000000001:fake-auth-token"));

    public enum Via
    {
        Port,
        Proxy,
        InMemory,
    }

    /// <summary>How the body travels: whole with its length, chunked (no length), or declared and then stalled after its first bytes.</summary>
    public enum Framing
    {
        Whole,
        Chunked,
        Stalled,
    }

    public static IEnumerable<TestCaseData> Table()
    {
        var form = Encoding.ASCII.GetBytes("UniqueName=big&FriendlyName=" + new string('a', 5010)); // 5,038 bytes, as in issue 16
        yield return Case("form over the form limit, by Content-Length", new("POST", "/v1/Services", FormType, form, Framing.Whole), 413, 20413, "CreateService");
        yield return Case("form over the form limit, chunked", new("POST", "/v1/Services", FormType, form, Framing.Chunked), 413, 20413, "CreateService");
        yield return Case("upload over the upload limit", new("POST", $"/v1/Services/{Service}/Assets/{Asset}/Versions", UploadType, Upload(3000), Framing.Whole), 413, 20413, "CreateAssetVersion");
        yield return Case("upload over the form limit, within the upload limit (its limit is by type)", new("POST", $"/v1/Services/{Service}/Assets/{Asset}/Versions", UploadType, Upload(1500), Framing.Whole), 404, 20404, "CreateAssetVersion");
        yield return Case("body slower than the minimum rate", new("POST", "/v1/Services", FormType, Encoding.ASCII.GetBytes("UniqueName=slow&FriendlyName=" + new string('s', 400)), Framing.Stalled), 408, 20408, "CreateService");
        yield return Case("control character in a header value", new("GET", "/v1/Services", Headers: [("X-Note", "a\u0001b")]), 400, 20001, "ListService");
        yield return Case("DEL in a header value", new("GET", "/v1/Services", Headers: [("X-Note", "a\u007fb")]), 400, 20001, "ListService");
        yield return Case("CR LF percent-encoded in the path", new("GET", $"/v1/Services/ZS%0d%0aSet-Cookie:%20x=1"), 404, 20404, "FetchService", "/v1/Services/ZS%0D%0ASet-Cookie: x=1");
        yield return Case("control characters percent-encoded in the query", new("GET", "/v1/Services?PageSize=%0d%0a1"), 200, null, "ListService");
    }

    [TestCaseSource(nameof(Table))]
    public async Task HostileRequest_EveryTransport_SameAnswerAndJournalEntry(Request request, int status, int? code, string operation, string path)
    {
        var answers = new Dictionary<Via, Answer>();
        foreach (var via in Enum.GetValues<Via>())
        {
            answers[via] = await SendAsync(via, request);
        }

        foreach (var (via, answer) in answers)
        {
            Assert.That((answer.Status, answer.Code), Is.EqualTo((status, code)), $"{via}: {answer.Body}");
            Assert.That(answer.Journal, Is.EqualTo(new[] { new Entry(operation, status, code, path) }), $"{via}: the journal");
        }
    }

    [Test]
    public async Task HostThatNoUrlCanHold_PortAndInMemory_400AndJournaled()
    {
        // Not through the proxy: it serves only *.twilio.com and *.twil.io names, so such a Host is its own 403 (see ProxyServerTests).
        // (A Host with a space or a control character never reaches the port's front door: Kestrel refuses it first, see README.)
        var request = new Request("GET", "/v1/Services", Headers: [("Host", new string('a', 300))]);
        foreach (var via in new[] { Via.Port, Via.InMemory })
        {
            var answer = await SendAsync(via, request);

            Assert.That((answer.Status, answer.Code), Is.EqualTo((400, (int?)20001)), $"{via}: {answer.Body}");
            Assert.That(answer.Journal.Single().Status, Is.EqualTo(400), via.ToString());
        }
    }

    [TestCase(Via.Port)]
    [TestCase(Via.Proxy)]
    public async Task ContentLengthAndTransferEncoding_OnTheWire_400ClosedAndTheSmuggledRequestUnanswered(Via via)
    {
        // RFC 9112 6.3. (In memory nothing is framed: there is no such request.)
        using var proxy = NewWireFake();
        var smuggled = $"GET {Target(via, "/v1/Services")} HTTP/1.1\r\nHost: {ApiHost}\r\nAuthorization: {Authorization}\r\n\r\n";
        var head = $"POST {Target(via, "/v1/Services")} HTTP/1.1\r\nHost: {ApiHost}\r\nAuthorization: {Authorization}\r\nContent-Type: {FormType}\r\n" +
            $"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n{smuggled}";

        var everything = await SendAndReadToCloseAsync(via == Via.Port ? proxy.Fake.Url : proxy.Fake.ProxyUrl!, head);

        Assert.That(everything, Does.StartWith("HTTP/1.1 400 ").And.Contain("\"code\":20001").And.Contain("Connection: close"));
        Assert.That(everything.Split("HTTP/1.1 ").Length - 1, Is.EqualTo(1), "exactly one answer: " + everything);
        var entry = proxy.Fake.Journal.Entries.Single();
        Assert.That((entry.Operation, entry.StatusCode), Is.EqualTo(("CreateService", 400)));
    }

    private const string FormType = "application/x-www-form-urlencoded";

    private static string UploadType => $"multipart/form-data; boundary={Boundary}";

    private static TestCaseData Case(string name, Request request, int status, int? code, string operation, string? path = null) =>
        new TestCaseData(request, status, code, operation, path ?? request.Target.Split('?')[0]).SetArgDisplayNames(name);

    /// <summary>A well-formed version upload of about <paramref name="size"/> bytes.</summary>
    private static byte[] Upload(int size)
    {
        var start = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"Path\"\r\n\r\n/big.txt\r\n--{Boundary}\r\nContent-Disposition: form-data; name=\"Visibility\"\r\n\r\npublic\r\n" +
            $"--{Boundary}\r\nContent-Disposition: form-data; name=\"Content\"; filename=\"big.txt\"\r\nContent-Type: text/plain\r\n\r\n";
        var end = $"\r\n--{Boundary}--\r\n";
        return Encoding.ASCII.GetBytes(start + new string('c', size - start.Length - end.Length) + end);
    }

    private static ProxyFake NewWireFake() => new(Limits);

    private static void Limits(FakeServerlessOptions options)
    {
        options.MaxFormBodyBytes = 1000;
        options.MaxUploadBodyBytes = 2000;
        options.BodyGracePeriod = TimeSpan.FromSeconds(1);
    }

    private static async Task<Answer> SendAsync(Via via, Request request)
    {
        if (via == Via.InMemory)
        {
            var options = new FakeServerlessOptions();
            Limits(options);
            await using var fake = FakeServerlessServer.StartInMemory(options);
            using var client = new HttpMessageInvoker(fake.CreateHandler());
            using var message = ToMessage(request);
            using var cancel = new CancellationTokenSource(RawHttp.Timeout);
            using var response = await client.SendAsync(message, cancel.Token);
            var body = await response.Content.ReadAsStringAsync(cancel.Token);
            return new Answer((int)response.StatusCode, CodeOf(body), body, JournalOf(fake));
        }

        using var proxy = NewWireFake();
        var server = via == Via.Port ? proxy.Fake.Url : proxy.Fake.ProxyUrl!;
        var answer = await RawHttp.SendAsync(server, Head(via, request), stream => SendBodyAsync(stream, request));
        return new Answer(answer.Status, CodeOf(answer.Body), answer.Body, JournalOf(proxy.Fake));
    }

    private static string Target(Via via, string pathAndQuery) => via == Via.Proxy ? $"http://{ApiHost}{pathAndQuery}" : pathAndQuery;

    private static byte[] Head(Via via, Request request)
    {
        var head = new StringBuilder($"{request.Method} {Target(via, request.Target)} HTTP/1.1\r\n");
        if (!request.Headers.Any(h => h.Name == "Host"))
        {
            head.Append($"Host: {ApiHost}\r\n");
        }

        head.Append($"Authorization: {Authorization}\r\n");
        foreach (var (name, value) in request.Headers)
        {
            head.Append($"{name}: {value}\r\n");
        }

        if (request.ContentType is not null)
        {
            head.Append($"Content-Type: {request.ContentType}\r\n");
            head.Append(request.Framing == Framing.Chunked ? "Transfer-Encoding: chunked\r\n" : $"Content-Length: {request.Body!.Length}\r\n");
        }

        return Encoding.Latin1.GetBytes(head.Append("\r\n").ToString());
    }

    private static async Task SendBodyAsync(NetworkStream stream, Request request)
    {
        if (request.Body is not { } body)
        {
            return;
        }

        try
        {
            switch (request.Framing)
            {
                case Framing.Whole:
                    await stream.WriteAsync(body);
                    break;
                case Framing.Chunked:
                    foreach (var piece in body.Chunk(512))
                    {
                        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{piece.Length:x}\r\n"));
                        await stream.WriteAsync(piece);
                        await stream.WriteAsync("\r\n"u8.ToArray());
                    }

                    await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
                    break;
                default:
                    await stream.WriteAsync(body.AsMemory(0, 10)); // then nothing more: the answer is read while the body stalls
                    break;
            }
        }
        catch (IOException)
        {
            // the fake answered and closed before the whole body was sent: the answer is read next
        }
    }

    private static HttpRequestMessage ToMessage(Request request)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), $"https://{ApiHost}{request.Target}");
        message.Headers.TryAddWithoutValidation("Authorization", Authorization);
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (request.Body is { } body)
        {
            message.Content = request.Framing switch
            {
                Framing.Whole => new ByteArrayContent(body),
                Framing.Chunked => new StreamContent(new UnknownLengthStream(body)),
                _ => new StreamContent(new StallingStream(body.AsMemory(0, 10))),
            };
            message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            if (request.Framing == Framing.Stalled)
            {
                message.Content.Headers.ContentLength = body.Length;
            }

            message.Headers.TransferEncodingChunked = request.Framing == Framing.Chunked;
        }

        return message;
    }

    private static async Task<string> SendAndReadToCloseAsync(Uri server, string request)
    {
        using var client = new TcpClient();
        using var cancel = new CancellationTokenSource(RawHttp.Timeout);
        await client.ConnectAsync(server.Host, server.Port, cancel.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request), cancel.Token);
        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received, cancel.Token);
        }
        catch (IOException)
        {
            // a reset after the answer: keep what came
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }

    private static int? CodeOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("code", out var code) ? code.GetInt32() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Entry[] JournalOf(FakeServerlessServer fake) =>
        [.. fake.Journal.Entries.Select(e => new Entry(e.Operation, e.StatusCode, e.ErrorCode, e.Path))];

    /// <summary>A request as the table gives it, for every transport.</summary>
    public sealed record Request(string Method, string Target, string? ContentType = null, byte[]? Body = null, Framing Framing = Framing.Whole, (string Name, string Value)[]? Headers = null)
    {
        public (string Name, string Value)[] Headers { get; init; } = Headers ?? [];
    }

    private sealed record Answer(int Status, int? Code, string Body, Entry[] Journal);

    private sealed record Entry(string Operation, int Status, int? Code, string Path);

    /// <summary>A body whose length is unknown until it ends (as a chunked upload's).</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
    }

    /// <summary>A body that sends its first bytes and then nothing, until the reader gives up.</summary>
    private sealed class StallingStream(ReadOnlyMemory<byte> first) : Stream
    {
        private bool _sent;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_sent)
            {
                _sent = true;
                first.CopyTo(buffer);
                return first.Length;
            }

            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
