using Twilio.Rest.Serverless.V1;

namespace FakeServerless.Xunit.V3.Tests;

/// <summary>
/// Run by <see cref="ParallelLeftTests"/> and <see cref="ParallelRightTests"/> at the same time (they wait for each other) on
/// the one assembly fixture.
/// </summary>
public abstract class ParallelTests(FakeServerlessFixture fixture, string me, string other) : IDisposable
{
    private readonly FakeServerlessScope _fake = fixture.CreateScope();

    public void Dispose()
    {
        _fake.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task CreateService_WhileTheOtherClassRuns_EachSeesOnlyItsOwn()
    {
        var created = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: me, client: _fake.Twilio());

        await Rendezvous.Meet(me, other);
        var listed = await ServiceResource.ReadAsync(client: _fake.Twilio());

        Assert.Equal([created.Sid], listed.Select(s => s.Sid));
        Assert.Equal(["CreateService", "ListService"], _fake.Journal.Entries.Select(e => e.Operation));
    }
}
