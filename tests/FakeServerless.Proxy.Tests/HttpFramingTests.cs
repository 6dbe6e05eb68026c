using System.Text;
using System.Text.RegularExpressions;

namespace FakeServerless.Proxy.Tests;

/// <summary>HTTP/1.1 framing on the proxy's plain side, byte for byte: what well-behaved clients never send, and pipelining.</summary>
[Parallelizable(ParallelScope.All)]
public sealed partial class HttpFramingTests
{
    [Test]
    public async Task TwoPipelinedRequests_InOneWrite_BothAnswered()
    {
        using var proxy = new ProxyFake();
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{proxy.Fake.AccountSid}:{proxy.Fake.AuthToken}"));
        var one = $"GET http://serverless.twilio.com/v1/Services HTTP/1.1\r\nHost: serverless.twilio.com\r\nAuthorization: Basic {auth}\r\n\r\n";
        var last = one.Replace("HTTP/1.1\r\n", "HTTP/1.1\r\nConnection: close\r\n", StringComparison.Ordinal);

        var answer = await RawProxyConnection.SendAsync(proxy.Fake.ProxyUrl!, one + last);

        Assert.That(StatusLine().Matches(answer).Select(m => m.Value), Is.EqualTo(new[] { "HTTP/1.1 200 OK", "HTTP/1.1 200 OK" }));
        Assert.That(proxy.Fake.Journal.Entries, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task ContentLengthOverTheCap_WithExpectContinue_Answers413WithoutContinue()
    {
        using var proxy = new ProxyFake();

        var answer = await RawProxyConnection.SendAsync(proxy.Fake.ProxyUrl!, "POST http://serverless.twilio.com/v1/Services HTTP/1.1\r\nHost: serverless.twilio.com\r\nExpect: 100-continue\r\nContent-Length: 999999999999\r\n\r\n");

        Assert.That(answer, Does.StartWith("HTTP/1.1 413 ").And.Not.Contain("100 Continue").And.Contain("\"code\":20413"));
        var entry = proxy.Fake.Journal.Entries.Single(); // the front door's refusal is journaled, as on the API port
        Assert.That((entry.StatusCode, entry.ErrorCode, entry.Transport), Is.EqualTo((413, 20413, "proxy")));
    }

    [TestCase("Content-Length: abc\r\n")]
    [TestCase("Content-Length: 3, 4\r\n")]
    [TestCase("Transfer-Encoding: gzip\r\n")]
    [TestCase(" folded: header\r\n")]
    public async Task BadFraming_AnswersAnErrorAndCloses(string header)
    {
        using var proxy = new ProxyFake();

        var answer = await RawProxyConnection.SendAsync(proxy.Fake.ProxyUrl!, $"POST http://serverless.twilio.com/v1/Services HTTP/1.1\r\nHost: serverless.twilio.com\r\n{header}\r\nabc");

        Assert.That(answer, Does.Match("^HTTP/1.1 (400|501) "));
        Assert.That(answer, Does.Contain("Connection: close"));
    }

    [Test]
    public async Task MalformedChunkedBody_Answers400()
    {
        using var proxy = new ProxyFake();

        var answer = await RawProxyConnection.SendAsync(proxy.Fake.ProxyUrl!, "POST http://serverless.twilio.com/v1/Services HTTP/1.1\r\nHost: serverless.twilio.com\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");

        Assert.That(answer, Does.StartWith("HTTP/1.1 400 ").And.Contain("\"code\":20001").And.Contain("chunk size"));
        Assert.That(proxy.Fake.Journal.Entries.Single().StatusCode, Is.EqualTo(400));
    }

    [Test]
    public async Task Http10Request_ClosesAfterTheAnswer()
    {
        using var proxy = new ProxyFake();

        var answer = await RawProxyConnection.SendAsync(proxy.Fake.ProxyUrl!, "GET http://serverless.twilio.com/v1/Services HTTP/1.0\r\n\r\n");

        Assert.That(answer, Does.StartWith("HTTP/1.1 401 ").And.Contain("Connection: close").And.Contain("\"code\":20003"));
    }

    [GeneratedRegex(@"HTTP/1\.1 \d{3} [A-Za-z ]+(?=\r\n)")]
    private static partial Regex StatusLine();
}
