using System.Text.Json.Nodes;
using FakeServerless.Tests.Wire;
using Twilio.Rest.Serverless.V1;

namespace FakeServerless.Tests.Control;

public sealed class ClockEndpointsTests : ControlTestBase
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private bool _virtual = true;

    protected override FakeServerlessOptions Configure(FakeServerlessOptions options)
    {
        if (_virtual)
        {
            options.TimeProvider = new VirtualClock(Start);
        }

        return options;
    }

    private static DateTimeOffset Now(JsonNode clock) =>
        DateTimeOffset.Parse(clock["now"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public async Task Get_VirtualClock_ItsTime()
    {
        var clock = await GetJsonAsync("/_fake/clock");

        Assert.That(Now(clock), Is.EqualTo(Start));
        Assert.That(clock["virtual"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task Move_AdvanceSeconds_DatesFollow()
    {
        var moved = await ReadJsonAsync(await PostAsync("/_fake/clock", """{"advance_seconds":3600}"""), 200);
        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio);

        Assert.That(Now(moved), Is.EqualTo(Start.AddHours(1)));
        Assert.That(service.DateCreated, Is.EqualTo(Start.AddHours(1).UtcDateTime));
    }

    [Test]
    public async Task Move_Now_SetsIt()
    {
        var moved = await ReadJsonAsync(await PostAsync("/_fake/clock", """{"now":"2027-01-01T00:00:00Z"}"""), 200);

        Assert.That(Now(moved), Is.EqualTo(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.That(Fake.Options.TimeProvider.GetUtcNow(), Is.EqualTo(Now(moved)));
    }

    [TestCase("""{"now":"2025-01-01T00:00:00Z"}""", "never goes backwards")]
    [TestCase("""{"now":"yesterday"}""", "now must be an ISO 8601 date-time")]
    [TestCase("""{"advance_seconds":-1}""", "advance_seconds must be")]
    [TestCase("""{"advance_seconds":1,"now":"2027-01-01T00:00:00Z"}""", "exactly one of")]
    [TestCase("{}", "exactly one of")]
    public async Task Move_BadInput_400AndClockUnmoved(string body, string message)
    {
        var error = await TwilioErrorBody.ReadAsync(await PostAsync("/_fake/clock", body), 400, 20001);

        Assert.That(error.Message, Does.Contain(message));
        Assert.That(Fake.Options.TimeProvider.GetUtcNow(), Is.EqualTo(Start));
    }

    [Test]
    public async Task Move_SystemClock_409SaysHowToStartAVirtualOne()
    {
        _virtual = false;

        var error = await TwilioErrorBody.ReadAsync(await PostAsync("/_fake/clock", """{"advance_seconds":60}"""), 409, 20409);
        var clock = await GetJsonAsync("/_fake/clock");

        Assert.That(error.Message, Does.Contain("--clock virtual").And.Contain("new VirtualClock("));
        Assert.That(clock["virtual"]!.GetValue<bool>(), Is.False);
    }
}
