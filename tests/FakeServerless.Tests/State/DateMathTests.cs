using FakeServerless.State;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Build;

namespace FakeServerless.Tests.State;

/// <summary>Dates saturate at either end of the calendar instead of overflowing into a 500.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class DateMathTests
{
    private static readonly DateTimeOffset LastSecond = new(9999, 12, 31, 23, 59, 59, TimeSpan.Zero);

    [Test]
    public void Add_PastTheEnd_IsMaxValue() =>
        Assert.That(DateMath.Add(LastSecond, TimeSpan.FromSeconds(60)), Is.EqualTo(DateTimeOffset.MaxValue));

    [Test]
    public void Add_MaxValueDelta_IsMaxValue() =>
        Assert.That(DateMath.Add(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), TimeSpan.MaxValue), Is.EqualTo(DateTimeOffset.MaxValue));

    [Test]
    public void Add_BeforeTheStart_IsMinValue() =>
        Assert.That(DateMath.Add(DateTimeOffset.MinValue, TimeSpan.FromDays(-1)), Is.EqualTo(DateTimeOffset.MinValue));

    [Test]
    public void Add_InRange_IsTheSum() =>
        Assert.That(DateMath.Add(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(2)), TimeSpan.FromHours(1)), Is.EqualTo(new DateTimeOffset(2025, 12, 31, 23, 0, 0, TimeSpan.Zero)));

    [Test]
    public async Task Build_ClockAtTheLastSecondWithAfterDelay_FetchStatusAndListAnswer()
    {
        var clock = new VirtualClock(LastSecond);
        await using var fake = FakeServerlessServer.Start(new FakeServerlessOptions { TimeProvider = clock, BuildCompletion = BuildCompletion.AfterDelay(TimeSpan.FromSeconds(60)) });
        var twilio = new TwilioRestClient(fake.AccountSid, fake.AuthToken, httpClient: new SystemNetHttpClient(fake.CreateHttpClient()));
        var build = NewBuild(fake);

        var fetched = await BuildResource.FetchAsync(build.ServiceSid, build.Sid, client: twilio);
        var status = await Twilio.Rest.Serverless.V1.Service.Build.BuildStatusResource.FetchAsync(build.ServiceSid, build.Sid, client: twilio);
        var listed = await BuildResource.ReadAsync(build.ServiceSid, client: twilio);
        var logs = await Twilio.Rest.Serverless.V1.Service.Environment.LogResource.ReadAsync(
            build.ServiceSid, fake.Account().CreateEnvironment(build.ServiceSid, "dev", "dev").Sid, client: twilio);

        Assert.That(fetched.Status, Is.EqualTo(BuildResource.StatusEnum.Building), "the delay ends past the calendar: never");
        Assert.That(status.Status, Is.EqualTo(BuildStatusResource.StatusEnum.Building));
        Assert.That(listed.Single().Sid, Is.EqualTo(build.Sid));
        Assert.That(logs, Is.Empty);
    }

    [Test]
    public void Build_AfterDelayMaxValue_StaysBuilding()
    {
        using var fake = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { BuildCompletion = BuildCompletion.AfterDelay(TimeSpan.MaxValue) });
        var build = NewBuild(fake);

        Assert.That(fake.Snapshot().Build(build.Sid)!.Status, Is.EqualTo(BuildStatus.Building));
    }

    [Test]
    public async Task Logs_ClockAtTheFirstInstant_DefaultWindowAnswers()
    {
        var clock = new VirtualClock(DateTimeOffset.MinValue);
        await using var fake = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { TimeProvider = clock });
        var account = fake.Account();
        var service = account.CreateService("early");
        var environment = account.CreateEnvironment(service.Sid, "dev", "dev");
        account.AppendLog(service.Sid, environment.Sid, "hello");
        var twilio = new TwilioRestClient(fake.AccountSid, fake.AuthToken, httpClient: new SystemNetHttpClient(fake.CreateHttpClient()));

        var logs = await Twilio.Rest.Serverless.V1.Service.Environment.LogResource.ReadAsync(service.Sid, environment.Sid, client: twilio);

        Assert.That(logs.Single().Message, Is.EqualTo("hello"));
    }

    private static BuildRecord NewBuild(FakeServerlessServer fake)
    {
        var account = fake.Account();
        var service = account.CreateService("far");
        var function = account.CreateFunction(service.Sid, "fn");
        var version = account.CreateFunctionVersion(service.Sid, function.Sid, "/fn", "x");
        return account.CreateBuild(service.Sid, [version.Sid]);
    }
}
