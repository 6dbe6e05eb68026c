using FakeServerless.State;

namespace FakeServerless.Tests.State;

/// <summary>A look at a build that would move it on throws before changing anything when changes are not allowed (a read).</summary>
public sealed class BuildNodeTests
{
    private static readonly DateTimeOffset Created = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [TestCase(BuildCompletionMode.Immediate, false, TestName = "Refresh_ImmediateFirstLook_ThrowsAndChangesNothing")]
    [TestCase(BuildCompletionMode.AfterPolls, true, TestName = "Refresh_AfterPollsPoll_ThrowsAndChangesNothing")]
    [TestCase(BuildCompletionMode.Manual, true, TestName = "Refresh_ManualPoll_ThrowsAndChangesNothing")]
    [TestCase(BuildCompletionMode.AfterDelay, false, TestName = "Refresh_AfterDelayLookPastTheDelay_ThrowsAndChangesNothing")]
    public void Refresh_WouldMoveTheBuildOnButMayNotChange_ThrowsAndChangesNothing(BuildCompletionMode mode, bool isPoll)
    {
        var node = Node(mode);

        Assert.Throws<StateChangeNeededException>(() => node.Refresh(Created.AddHours(1), isPoll, mayChange: false));

        Assert.That(node.Record.Status, Is.EqualTo(BuildStatus.Building));
        Assert.That(node.Reads, Is.Zero);
    }

    [TestCase(BuildCompletionMode.AfterPolls, TestName = "Refresh_AfterPollsListLook_ReadsWithoutChange")]
    [TestCase(BuildCompletionMode.Manual, TestName = "Refresh_ManualListLook_ReadsWithoutChange")]
    public void Refresh_LookThatMovesNothing_ReadsWithoutChange(BuildCompletionMode mode)
    {
        var node = Node(mode);

        var record = node.Refresh(Created.AddHours(1), isPoll: false, mayChange: false);

        Assert.That(record.Status, Is.EqualTo(BuildStatus.Building));
    }

    [Test]
    public void Refresh_AfterDelayBeforeTheDelay_ReadsWithoutChange()
    {
        var node = Node(BuildCompletionMode.AfterDelay);

        Assert.That(node.Refresh(Created.AddSeconds(1), isPoll: false, mayChange: false).Status, Is.EqualTo(BuildStatus.Building));
    }

    [Test]
    public void Refresh_FinishedBuildPolled_ReadsWithoutChange()
    {
        var node = Node(BuildCompletionMode.Immediate);
        node.Refresh(Created, isPoll: true, mayChange: true);

        var record = node.Refresh(Created.AddHours(1), isPoll: true, mayChange: false);

        Assert.That(record.Status, Is.EqualTo(BuildStatus.Completed));
        Assert.That(record.DateUpdated, Is.EqualTo(Created));
    }

    [Test]
    public void Refresh_AfterPollsMayChange_CountsPollsAndFinishesOnTheLast()
    {
        var node = Node(BuildCompletionMode.AfterPolls);

        var first = node.Refresh(Created.AddSeconds(1), isPoll: true, mayChange: true).Status;
        var second = node.Refresh(Created.AddSeconds(2), isPoll: true, mayChange: true);

        Assert.That(first, Is.EqualTo(BuildStatus.Building));
        Assert.That(second.Status, Is.EqualTo(BuildStatus.Completed));
        Assert.That(second.DateUpdated, Is.EqualTo(Created.AddSeconds(2)));
        Assert.That(node.Reads, Is.EqualTo(2));
    }

    private static BuildNode Node(BuildCompletionMode mode)
    {
        var completion = mode switch
        {
            BuildCompletionMode.Immediate => BuildCompletion.Immediate,
            BuildCompletionMode.AfterPolls => BuildCompletion.AfterPolls(2),
            BuildCompletionMode.AfterDelay => BuildCompletion.AfterDelay(TimeSpan.FromMinutes(1)),
            _ => BuildCompletion.Manual,
        };
        var record = new BuildRecord
        {
            Sid = "ZB00000000000000000000000000000001",
            AccountSid = "AC00000000000000000000000000000001",
            ServiceSid = "ZS00000000000000000000000000000001",
            Status = BuildStatus.Building,
            FunctionVersions = [],
            AssetVersions = [],
            Dependencies = [],
            Runtime = "node22",
            DateCreated = Created,
            DateUpdated = Created,
        };
        return new BuildNode(record, completion, BuildStatus.Completed, new BuildGateSlot());
    }
}
