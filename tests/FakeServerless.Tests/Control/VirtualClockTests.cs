namespace FakeServerless.Tests.Control;

public sealed class VirtualClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.FromHours(2));

    [Test]
    public void GetUtcNow_New_StartInUtc()
    {
        var clock = new VirtualClock(Start);

        Assert.That(clock.GetUtcNow(), Is.EqualTo(Start));
        Assert.That(clock.GetUtcNow().Offset, Is.EqualTo(TimeSpan.Zero));
    }

    [Test]
    public void Advance_Delta_MovesNowAndTimestamps()
    {
        var clock = new VirtualClock(Start);
        var before = clock.GetTimestamp();

        var now = clock.Advance(TimeSpan.FromMinutes(5));

        Assert.That(now, Is.EqualTo(Start.AddMinutes(5)));
        Assert.That(clock.GetElapsedTime(before), Is.EqualTo(TimeSpan.FromMinutes(5)));
    }

    [Test]
    public void Advance_Negative_ThrowsAndKeepsTime()
    {
        var clock = new VirtualClock(Start);

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromSeconds(-1)));
        Assert.That(clock.GetUtcNow(), Is.EqualTo(Start));
    }

    [Test]
    public void SetNow_Earlier_ThrowsAndKeepsTime()
    {
        var clock = new VirtualClock(Start);

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.SetNow(Start.AddTicks(-1)));
        Assert.That(clock.GetUtcNow(), Is.EqualTo(Start));
    }

    [Test]
    public void SetNow_Later_Sets()
    {
        var clock = new VirtualClock(Start);

        clock.SetNow(Start.AddDays(1));

        Assert.That(clock.GetUtcNow(), Is.EqualTo(Start.AddDays(1)));
    }

    [Test]
    public async Task TimeProvider_AfterDelayBuild_CompletesWhenClockAdvances()
    {
        var clock = new VirtualClock(Start);
        await using var fake = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { TimeProvider = clock, BuildCompletion = BuildCompletion.AfterDelay(TimeSpan.FromMinutes(1)) });
        var account = fake.Account();
        var service = account.CreateService("shop");
        var function = account.CreateFunction(service.Sid, "fn");
        var version = account.CreateFunctionVersion(service.Sid, function.Sid, "/fn", "x");
        var build = account.CreateBuild(service.Sid, [version.Sid]);

        var before = fake.Snapshot().Build(build.Sid)!.Status;
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.That(before, Is.EqualTo(BuildStatus.Building));
        Assert.That(fake.Snapshot().Build(build.Sid)!.Status, Is.EqualTo(BuildStatus.Completed));
    }
}
