using System.Net;
using FakeServerless.Messages;
using FakeServerless.Tests.Support;

namespace FakeServerless.Tests.Wire;

/// <summary>Client text never forges a log line: control characters are percent-encoded in the journal and the ILogger line.</summary>
[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class LogTextTests(FakeServerlessTransport transport) : FakeTestBase(transport)
{
    private readonly RecordingLoggerFactory _log = new();

    protected override FakeServerlessOptions Configure(FakeServerlessOptions options)
    {
        options.LoggerFactory = _log;
        return options;
    }

    [TestCase("a\r\nb", "a%0D%0Ab")]
    [TestCase("tab\there", "tab%09here")]
    [TestCase("nul\0", "nul%00")]
    [TestCase("del\u007f c1\u0085 ls\u2028", "del%7F c1%C2%85 ls%E2%80%A8")]
    [TestCase("/v1/Services/é/ok", "/v1/Services/é/ok")]
    public void Escape_ControlCharacters_PercentEncoded(string text, string expected)
    {
        Assert.That(LogText.Escape(text), Is.EqualTo(expected));
    }

    [Test]
    public void Truncate_LongValue_KeepsPrefixAndMarker()
    {
        var value = new string('x', LogText.MaxValueChars) + new string('é', 10);

        Assert.That(LogText.Truncate(value), Is.EqualTo(new string('x', LogText.MaxValueChars) + "…[truncated 20 bytes]"));
        Assert.That(LogText.Truncate("short"), Is.EqualTo("short"));
    }

    [Test]
    public async Task HandleAsync_PathWithEncodedCrLf_WritesExactlyOneLogLine()
    {
        using var response = await Http.GetAsync("/x%0d%0aPOST%20/v1/Services%20201%200ms%20CreateService");

        var lines = _log.Lines.Select(l => l.Message).ToArray();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(lines, Has.Length.EqualTo(1));
        Assert.That(lines[0], Does.Not.Contain("\r").And.Not.Contain("\n"));
        Assert.That(lines[0], Does.StartWith("GET /x%0D%0APOST /v1/Services 201 0ms CreateService 404 "));
        Assert.That(Fake.Journal.Entries.Single().Path, Is.EqualTo("/x%0D%0APOST /v1/Services 201 0ms CreateService"));
    }

    [Test]
    public async Task SendAsync_BodyOverTheFormLimit_Answers413AndJournals()
    {
        using var content = new ByteArrayContent(new byte[Fake.Options.MaxFormBodyBytes + 1]);
        content.Headers.ContentType = new("application/x-www-form-urlencoded");

        using var response = await Http.PostAsync("/v1/Services", content);

        var error = await TwilioErrorBody.ReadAsync(response, 413, 20413);
        Assert.That(error.Message, Does.Contain("Too Large"));
        Assert.That(Fake.Journal.Entries.Single().Operation, Is.EqualTo("CreateService"));
    }
}
