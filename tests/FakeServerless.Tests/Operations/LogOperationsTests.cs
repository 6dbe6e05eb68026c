using FakeServerless.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Tests.Operations;

[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class LogOperationsTests(FakeServerlessTransport transport) : OperationsTestBase(transport)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private string _serviceSid = string.Empty;
    private string _environmentSid = string.Empty;

    protected override FakeServerlessOptions Configure(FakeServerlessOptions options)
    {
        options.TimeProvider = _time;
        return options;
    }

    [SetUp]
    public async Task CreateEnvironment()
    {
        _serviceSid = (await CreateServiceAsync()).Sid;
        _environmentSid = (await CreateEnvironmentAsync(_serviceSid)).Sid;
    }

    [Test]
    public async Task Read_ListsNewestFirst()
    {
        var first = Append("first");
        _time.Advance(TimeSpan.FromMinutes(1));
        var second = Append("second");
        _time.Advance(TimeSpan.FromMinutes(1));
        var third = Append("third");

        var logs = await LogResource.ReadAsync(_serviceSid, _environmentSid, client: Twilio);

        Assert.That(logs.Select(l => l.Sid), Is.EqualTo(new[] { third.Sid, second.Sid, first.Sid }));
    }

    [Test]
    public async Task Read_SameSecond_StillNewestFirst()
    {
        var first = Append("first");
        var second = Append("second");

        var logs = await LogResource.ReadAsync(_serviceSid, _environmentSid, client: Twilio);

        Assert.That(logs.Select(l => l.Message), Is.EqualTo(new[] { second.Message, first.Message }));
    }

    [Test]
    public async Task Read_WithoutDates_OnlyListsTheLastDay()
    {
        Append("two days old");
        _time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));
        var recent = Append("recent");
        _time.Advance(TimeSpan.FromHours(1));

        var logs = await LogResource.ReadAsync(_serviceSid, _environmentSid, client: Twilio);

        Assert.That(logs.Select(l => l.Sid), Is.EqualTo(new[] { recent.Sid }));
    }

    [Test]
    public async Task Read_WithStartAndEndDate_ListsOnlyThatWindow()
    {
        Append("at 12:00");
        _time.Advance(TimeSpan.FromHours(1));
        var middle = Append("at 13:00");
        _time.Advance(TimeSpan.FromHours(1));
        Append("at 14:00");

        var logs = await LogResource.ReadAsync(
            _serviceSid,
            _environmentSid,
            startDate: Start.AddMinutes(30).UtcDateTime,
            endDate: Start.AddMinutes(90).UtcDateTime,
            client: Twilio);

        Assert.That(logs.Select(l => l.Sid), Is.EqualTo(new[] { middle.Sid }));
    }

    [Test]
    public async Task Read_WithOldStartDate_ListsLogsOlderThanOneDay()
    {
        var old = Append("old");
        _time.Advance(TimeSpan.FromDays(3));
        var recent = Append("recent");

        var logs = await LogResource.ReadAsync(_serviceSid, _environmentSid, startDate: Start.AddDays(-1).UtcDateTime, client: Twilio);

        Assert.That(logs.Select(l => l.Sid), Is.EqualTo(new[] { recent.Sid, old.Sid }));
    }

    [Test]
    public async Task Read_WithFunctionSid_ListsOnlyThatFunctionsLogs()
    {
        var hello = await FunctionResource.CreateAsync(_serviceSid, friendlyName: "hello", client: Twilio);
        var other = await FunctionResource.CreateAsync(_serviceSid, friendlyName: "other", client: Twilio);
        var a = Append("hello 1", hello.Sid);
        Append("other", other.Sid);
        Append("no function");
        var b = Append("hello 2", hello.Sid);

        var logs = await LogResource.ReadAsync(_serviceSid, _environmentSid, functionSid: hello.Sid, client: Twilio);

        Assert.That(logs.Select(l => l.Sid), Is.EqualTo(new[] { b.Sid, a.Sid }));
    }

    [Test]
    public async Task Read_WithFunctionSidAcrossPages_FollowsFilteredNextPages()
    {
        var hello = await FunctionResource.CreateAsync(_serviceSid, friendlyName: "hello", client: Twilio);
        var expected = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            expected.Insert(0, Append($"hello {i}", hello.Sid).Sid);
            Append($"noise {i}");
        }

        var logs = await LogResource.ReadAsync(_serviceSid, _environmentSid, functionSid: hello.Sid, pageSize: 2, client: Twilio);

        Assert.That(logs.Select(l => l.Sid), Is.EqualTo(expected));
    }

    [Test]
    public async Task Read_WithFilters_MetaUrlsCarryTheFilters()
    {
        var hello = await FunctionResource.CreateAsync(_serviceSid, friendlyName: "hello", client: Twilio);
        Append("one", hello.Sid);
        Append("two", hello.Sid);

        using var response = await Http.GetAsync($"/v1/Services/{_serviceSid}/Environments/{_environmentSid}/Logs?FunctionSid={hello.Sid}&StartDate=2026-03-01T00:00:00Z&PageSize=1");

        var meta = (await JsonAsync(response)).GetProperty("meta");
        Assert.That(meta.GetProperty("next_page_url").GetString(), Does.Contain($"FunctionSid={hello.Sid}").And.Contain("StartDate=2026-03-01T00%3A00%3A00Z").And.Contain("PageToken=PA"));
        Assert.That(meta.GetProperty("url").GetString(), Does.Contain($"FunctionSid={hello.Sid}"));
    }

    [Test]
    public async Task Read_MalformedFunctionSid_Returns400()
    {
        var error = await ApiErrorAsync(() => LogResource.ReadAsync(_serviceSid, _environmentSid, functionSid: "ZX123", client: Twilio));

        AssertError(error, 400, 20001);
        Assert.That(error.Message, Does.Contain("FunctionSid"));
    }

    [Test]
    public async Task Read_MalformedStartDate_Returns400()
    {
        using var response = await Http.GetAsync($"/v1/Services/{_serviceSid}/Environments/{_environmentSid}/Logs?StartDate=yesterday");

        var body = await JsonAsync(response);
        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo(20001));
        Assert.That(body.GetProperty("message").GetString(), Does.Contain("StartDate"));
    }

    [Test]
    public async Task Fetch_ReturnsLogWithItsFields()
    {
        var function = await FunctionResource.CreateAsync(_serviceSid, friendlyName: "hello", client: Twilio);
        var appended = Fake.Account().AppendLog(_serviceSid, _environmentSid, "it broke", level: "error", functionSid: function.Sid);

        var log = await LogResource.FetchAsync(_serviceSid, _environmentSid, appended.Sid, client: Twilio);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(log.Sid, Does.Match("^NO[0-9a-f]{32}$"));
            Assert.That(log.AccountSid, Is.EqualTo(Fake.AccountSid));
            Assert.That(log.ServiceSid, Is.EqualTo(_serviceSid));
            Assert.That(log.EnvironmentSid, Is.EqualTo(_environmentSid));
            Assert.That(log.FunctionSid, Is.EqualTo(function.Sid));
            Assert.That(log.RequestSid, Does.Match("^RQ[0-9a-f]{32}$"));
            Assert.That(log.Level, Is.EqualTo("error"));
            Assert.That(log.Message, Is.EqualTo("it broke"));
            Assert.That(log.DateCreated, Is.EqualTo(Start.UtcDateTime));
            Assert.That(log.BuildSid, Is.Null);
            Assert.That(log.DeploymentSid, Is.Null);
        }
    }

    [Test]
    public async Task Fetch_LogWrittenWhileDeployed_NamesLiveBuildAndDeployment()
    {
        var build = await CreateCompletedBuildAsync(_serviceSid, await CreateFunctionVersionAsync(_serviceSid));
        var deployment = await DeploymentResource.CreateAsync(_serviceSid, _environmentSid, buildSid: build.Sid, client: Twilio);
        var appended = Append("live");

        var log = await LogResource.FetchAsync(_serviceSid, _environmentSid, appended.Sid, client: Twilio);

        Assert.That((log.BuildSid, log.DeploymentSid), Is.EqualTo((build.Sid, deployment.Sid)));
    }

    [Test]
    public async Task Fetch_Unknown_Returns404()
    {
        var error = await ApiErrorAsync(() => LogResource.FetchAsync(_serviceSid, _environmentSid, "NO0123456789abcdef0123456789abcdef", client: Twilio));

        AssertError(error, 404, 20404);
    }

    [Test]
    public async Task Read_OnlyListsTheEnvironmentsOwnLogs()
    {
        var other = await EnvironmentResource.CreateAsync(_serviceSid, uniqueName: "other", domainSuffix: "other", client: Twilio);
        Fake.Account().AppendLog(_serviceSid, other.Sid, "elsewhere");
        var mine = Append("mine");

        var logs = await LogResource.ReadAsync(_serviceSid, _environmentSid, client: Twilio);

        Assert.That(logs.Select(l => l.Sid), Is.EqualTo(new[] { mine.Sid }));
    }

    private LogRecord Append(string message, string? functionSid = null) =>
        Fake.Account().AppendLog(_serviceSid, _environmentSid, message, functionSid: functionSid);
}
