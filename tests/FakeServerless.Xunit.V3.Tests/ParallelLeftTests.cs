using Twilio.Rest.Serverless.V1;

namespace FakeServerless.Xunit.V3.Tests;

/// <summary>Runs at the same time as <see cref="ParallelRightTests"/> (they wait for each other) on the one assembly fixture.</summary>
public sealed class ParallelLeftTests(FakeServerlessFixture fixture) : IDisposable
{
    private readonly FakeServerlessScope _fake = fixture.CreateScope();

    public void Dispose() => _fake.Dispose();

    [Fact]
    public async Task CreateService_WhileTheOtherClassRuns_EachSeesOnlyItsOwn()
    {
        var created = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Left", client: _fake.Twilio());

        await Rendezvous.Meet("Left", "Right");
        var listed = await ServiceResource.ReadAsync(client: _fake.Twilio());

        Assert.Equal([created.Sid], listed.Select(s => s.Sid));
        Assert.Equal(["CreateService", "ListService"], _fake.Journal.Entries.Select(e => e.Operation));
    }
}
