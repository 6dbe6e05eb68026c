using FakeServerless.Reliability.Support;

namespace FakeServerless.Reliability;

/// <summary>
/// Issue 17, item 6: dates saturate. The standalone fake on a virtual clock moved to 9999-12-31 with builds that finish 60 s after
/// creation: a new build's fetch, status and list answer (it simply never finishes, as its end is past the calendar), and so do
/// the log window and every other read.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class FarFutureTests
{
    private const string Account = "AC00000000000000000000000000000001";

    [Test]
    public async Task Build_ClockAt9999WithDelay60_FetchStatusAndListAnswer()
    {
        using var cli = await CliProcess.StartAsync(["--clock", "virtual", "--build-completion", "delay:60"]);
        using var control = new ControlClient(cli.Url);
        using var twilio = new HttpClient(new FakeServerless.Transports.RedirectingHandler(cli.Url, new SocketsHttpHandler()));
        var api = new Api(twilio, Account);
        var moved = await control.PostAsync("/_fake/clock", """{"now":"9999-12-31T23:59:59Z"}""");
        var service = await api.CreateAsync("/Services", ("UniqueName", "far"), ("FriendlyName", "Far"));
        var function = await api.CreateAsync($"/Services/{service}/Functions", ("FriendlyName", "fn"));
        var version = await api.UploadFunctionVersionAsync(service, function, "/fn", "exports.handler = () => {};");
        var environment = await api.CreateAsync($"/Services/{service}/Environments", ("UniqueName", "dev"), ("DomainSuffix", "dev"));

        var build = await api.CreateAsync($"/Services/{service}/Builds", ("FunctionVersions", version));
        var fetched = await api.GetAsync($"/Services/{service}/Builds/{build}");
        var status = await api.GetAsync($"/Services/{service}/Builds/{build}/Status");
        var listed = await api.GetAsync($"/Services/{service}/Builds");
        var logs = await api.GetAsync($"/Services/{service}/Environments/{environment}/Logs");
        var state = await control.GetAsync("/_fake/state");

        Assert.That(moved.Status, Is.EqualTo(200), moved.Body);
        Assert.That((fetched.Status, status.Status, listed.Status, logs.Status, state.Status), Is.EqualTo((200, 200, 200, 200, 200)), $"{fetched.Body}\n{status.Body}\n{listed.Body}");
        Assert.That(Api.Field(status.Body, "status"), Is.EqualTo("building"), "its end is past the last date: it never finishes");
        Assert.That(Api.Field(fetched.Body, "date_created"), Is.EqualTo("9999-12-31T23:59:59Z"));
    }

    [Test]
    public async Task Clock_AdvancedPastTheEnd_400AndTheFakeStillAnswers()
    {
        using var cli = await CliProcess.StartAsync(["--clock", "virtual", "--build-completion", "delay:60"]);
        using var control = new ControlClient(cli.Url);

        await control.PostAsync("/_fake/clock", """{"now":"9999-12-31T23:59:00Z"}""");
        var past = await control.PostAsync("/_fake/clock", """{"advance_seconds":3600}""");
        var health = await control.GetAsync("/_fake/health");

        Assert.That(past.Status, Is.EqualTo(400), past.Body);
        Assert.That(health.Status, Is.EqualTo(200));
    }
}
