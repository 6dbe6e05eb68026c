using System.Text.RegularExpressions;
using FakeServerless.Tests.Support;
using Microsoft.Extensions.Logging;
using Twilio.Rest.Serverless.V1;

namespace FakeServerless.Tests;

[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class ServerlessEngineTests(FakeServerlessTransport transport) : FakeTestBase(transport)
{
    private readonly RecordingLoggerFactory _logs = new();

    protected override FakeServerlessOptions Configure(FakeServerlessOptions options)
    {
        options.LoggerFactory = _logs;
        return options;
    }

    [Test]
    public async Task HandleAsync_WithLoggerFactory_LogsOneLinePerRequest()
    {
        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio);
        await Http.GetAsync($"/v1/Services/{service.Sid}/Nope");

        var lines = _logs.Lines.Select(l => (l.Category, l.Level, l.Message)).ToList();
        Assert.That(lines, Has.Count.EqualTo(2));
        Assert.That(lines.Select(l => l.Category), Is.All.EqualTo("FakeServerless"));
        Assert.That(lines.Select(l => l.Level), Is.All.EqualTo(LogLevel.Information));
        Assert.That(lines[0].Message, Does.Match(new Regex(@"^POST /v1/Services 201 \d+ms$")));
        Assert.That(lines[1].Message, Does.Match(new Regex($@"^GET /v1/Services/{service.Sid}/Nope 404 \d+ms$")));
    }
}
