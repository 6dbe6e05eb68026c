using System.Net;
using FakeServerless.Tests.Wire;

namespace FakeServerless.Tests.Control;

public sealed class ControlApiTests : ControlTestBase
{
    [Test]
    public async Task Handle_UnknownPath_404NamingOpenApi()
    {
        var error = await TwilioErrorBody.ReadAsync(await Control.GetAsync("/_fake/nope"), 404, 20404);

        Assert.That(error.Message, Does.Contain("/_fake/nope").And.Contain("/_fake/openapi.json"));
    }

    [Test]
    public async Task Handle_WrongMethod_405WithAllowHeader()
    {
        var response = await Control.GetAsync("/_fake/reset");

        var error = await TwilioErrorBody.ReadAsync(response, 405, 20004);
        Assert.That(response.Content.Headers.Allow.Concat(response.Headers.TryGetValues("Allow", out var allow) ? allow : []), Does.Contain("POST"));
        Assert.That(error.Message, Does.Contain("POST"));
    }

    [Test]
    public async Task Handle_BodyNotJson_400SaysSo()
    {
        var error = await TwilioErrorBody.ReadAsync(await PostAsync("/_fake/faults", "{not json"), 400, 20001);

        Assert.That(error.Message, Does.Contain("not valid JSON"));
    }

    [Test]
    public async Task Handle_BodyNotAnObject_400SaysSo()
    {
        var error = await TwilioErrorBody.ReadAsync(await PostAsync("/_fake/faults", "[1]"), 400, 20001);

        Assert.That(error.Message, Does.Contain("JSON object"));
    }

    [Test]
    public async Task Handle_UnknownField_400NamesIt()
    {
        var error = await TwilioErrorBody.ReadAsync(await PostAsync("/_fake/faults", """{"status":429,"retry_after":2}"""), 400, 20001);

        Assert.That(error.Message, Does.Contain("retry_after").And.Contain("retry_after_seconds"));
    }

    [Test]
    public async Task Handle_AnyAnswer_CarriesVersionHeaderAndIsNotJournaled()
    {
        var response = await Control.GetAsync("/_fake/health");

        Assert.That(response.Headers.GetValues("X-FakeServerless").Single(), Is.Not.Empty);
        Assert.That(Fake.Journal.Entries, Is.Empty);
    }

    [Test]
    public async Task Handle_DomainHost_ServedAsEnvironmentDomainNotControl()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_fake/health");
        request.Headers.Host = "shop-1234-dev.twil.io";

        var response = await Control.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("nothing is deployed"));
        Assert.That(Fake.Journal.Entries.Single().Operation, Is.EqualTo("ServeDomain"));
    }

    [Test]
    public async Task Handle_ControlApiOff_PathGoesToTwilioAuth()
    {
        await using var fake = FakeServerlessServer.Start();
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = fake.Url };

        await TwilioErrorBody.ReadAsync(await client.GetAsync("/_fake/health"), 401, 20003);
    }

    [Test]
    public async Task Handle_InMemoryTransport_ServedOnTwilioHost()
    {
        await using var fake = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { EnableControlApi = true });
        using var client = fake.CreateHttpClient();

        var response = await client.GetAsync("https://serverless.twilio.com/_fake/health");

        Assert.That((await ReadJsonAsync(response, 200))["status"]!.GetValue<string>(), Is.EqualTo("ok"));
    }

    [Test]
    public async Task Handle_UnexpectedInvalidOperation_500LoggedWithItsStackNotA400()
    {
        var log = new FakeServerless.Tests.Support.RecordingLoggerFactory();
        var clock = new BreakingClock();
        await using var fake = FakeServerlessServer.Start(new FakeServerlessOptions { EnableControlApi = true, TimeProvider = clock, LoggerFactory = log });
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = fake.Url };
        clock.Broken = true;

        var error = await TwilioErrorBody.ReadAsync(await client.PostAsync("/_fake/scenarios", Json("""{"kind":"service-ready-to-deploy"}""")), 500, 20500);

        Assert.That(error.Message, Does.Contain("see its log").And.Not.Contain("clock broke"), "the client never sees the exception");
        Assert.That(log.Lines.Any(l => l.Level == Microsoft.Extensions.Logging.LogLevel.Error && l.Message.Contains("/_fake/scenarios")), Is.True);
        Assert.That(log.Exceptions.Single().Message, Is.EqualTo("clock broke"));
        Assert.That(log.Exceptions.Single().StackTrace, Does.Contain(nameof(BreakingClock)));
    }

    [Test]
    public async Task Handle_TwilioRuleBrokenThroughTheAccountApi_AnswersTheRulesStatus()
    {
        var environment = new string('e', 101); // Twilio's limit on UniqueName is 100 characters

        var error = await TwilioErrorBody.ReadAsync(await PostAsync("/_fake/scenarios", $$"""{"kind":"service-live-in","environment":"{{environment}}"}"""), 400, 20001);

        Assert.That(error.Message, Does.Contain("UniqueName"));
    }

    /// <summary>A clock that throws once told to: an unexpected failure deep inside a control handler.</summary>
    private sealed class BreakingClock : TimeProvider
    {
        public volatile bool Broken;

        public override DateTimeOffset GetUtcNow() => Broken ? throw new InvalidOperationException("clock broke") : base.GetUtcNow();
    }
}
