namespace FakeServerless.Tests.Remote;

/// <summary>Build completion and the virtual clock of a fake in another process, driven as in process.</summary>
public sealed class RemoteBuildAndClockTests : RemoteTestBase
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    protected override FakeServerlessOptions Configure(FakeServerlessOptions options)
    {
        options.BuildCompletion = BuildCompletion.Manual;
        options.TimeProvider = new VirtualClock(Start);
        return options;
    }

    [Test]
    public void CompleteBuild_Building_CompletesOnceThenFalse()
    {
        var scenario = Remote.Seed().ServiceReadyToDeploy(o => o.CompleteBuild = false);
        var account = Remote.Account();

        Assert.That(Remote.Snapshot().Build(scenario.Build.Sid)!.Status, Is.EqualTo(BuildStatus.Building));
        Assert.That(account.CompleteBuild(scenario.Service.Sid, scenario.Build.Sid), Is.True);
        Assert.That(account.CompleteBuild(scenario.Service.Sid, scenario.Build.Sid), Is.False);
        Assert.That(account.FailBuild(scenario.Service.Sid, scenario.Build.Sid), Is.False);
        Assert.That(Local.Snapshot().Build(scenario.Build.Sid)!.Status, Is.EqualTo(BuildStatus.Completed));
    }

    [Test]
    public void FailNextBuild_Remote_TheFakeHoldsThePendingFailures()
    {
        Remote.FailNextBuild(2);

        Assert.That(Local.ExportState().PendingBuildFailures, Is.EqualTo(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Remote.FailNextBuild(0));
    }

    [Test]
    public void FailBuild_Building_FailsIt()
    {
        var scenario = Remote.Seed().ServiceReadyToDeploy(o => o.CompleteBuild = false);

        Assert.That(Remote.Account().FailBuild(scenario.Service.Sid, scenario.Build.Sid), Is.True);

        Assert.That(Local.Snapshot().Build(scenario.Build.Sid)!.Status, Is.EqualTo(BuildStatus.Failed));
    }

    [Test]
    public void VirtualClock_Remote_ReadsAndMovesTheFakesClock()
    {
        var clock = (VirtualClock)Remote.Options.TimeProvider;

        Assert.That(clock.GetUtcNow(), Is.EqualTo(Start));
        Assert.That(clock.Advance(TimeSpan.FromMinutes(5)), Is.EqualTo(Start.AddMinutes(5)));
        clock.SetNow(Start.AddHours(1));

        Assert.That(Local.Options.TimeProvider.GetUtcNow(), Is.EqualTo(Start.AddHours(1)));
        Assert.That(Remote.Account().CreateService("shop").DateCreated, Is.EqualTo(Start.AddHours(1)));
    }

    [Test]
    public void VirtualClock_Backwards_ThrowsTheFakesRefusal()
    {
        var clock = (VirtualClock)Remote.Options.TimeProvider;

        var ex = Assert.Throws<FakeServerlessControlException>(() => clock.SetNow(Start.AddDays(-1)));

        Assert.That(ex!.Message, Does.Contain("never goes backwards"));
    }

    [Test]
    public void Options_SystemClock_NotAVirtualClock()
    {
        using var fake = FakeServerlessServer.Start(new FakeServerlessOptions { EnableControlApi = true });
        using var remote = FakeServerlessServer.Connect(fake.Url);

        Assert.That(remote.Options.TimeProvider, Is.SameAs(TimeProvider.System));
    }
}
