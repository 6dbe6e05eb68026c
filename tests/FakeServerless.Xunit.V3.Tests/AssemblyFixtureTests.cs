using System.Collections.Concurrent;
using Twilio.Rest.Serverless.V1;

namespace FakeServerless.Xunit.V3.Tests;

/// <summary>The assembly fixture, shared by classes that run in parallel; each test opens and disposes its own scope.</summary>
public sealed class AssemblyFixtureTests(FakeServerlessFixture fixture) : IDisposable
{
    private static readonly ConcurrentBag<(FakeServerlessServer Server, string AccountSid)> Finished = [];
    private readonly FakeServerlessScope _fake = fixture.CreateScope();

    public void Dispose()
    {
        Finished.Add((fixture.Server, _fake.AccountSid));
        _fake.Dispose();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task CreateService_SameUniqueNameInEveryTest_NoConflictAndEarlierTestsForgotten(int n)
    {
        var created = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: $"Shop {n}", client: _fake.Twilio());
        var listed = await ServiceResource.ReadAsync(client: _fake.Twilio());

        Assert.Equal(_fake.AccountSid, created.AccountSid);
        Assert.Equal([$"Shop {n}"], listed.Select(s => s.FriendlyName));
        Assert.All(Finished, earlier => Assert.Same(fixture.Server, earlier.Server));
        Assert.All(Finished, earlier => Assert.Empty(fixture.Server.Snapshot(earlier.AccountSid).Services));
    }

    [Fact]
    public void CreateScope_InsideATest_NamedAfterTheTest()
    {
        var test = TestContext.Current.Test!;

        Assert.Equal(test.TestDisplayName, _fake.Name);
        Assert.Equal(FakeServerlessScope.AccountSidFor(test.TestDisplayName), _fake.AccountSid);
    }

    [Fact]
    public async Task Journal_OfTheScope_HoldsOnlyThisTestsRequests()
    {
        await using var other = fixture.CreateScope("other");
        await ServiceResource.ReadAsync(client: other.Twilio());

        await ServiceResource.CreateAsync(uniqueName: "mine", friendlyName: "Mine", client: _fake.Twilio());

        Assert.Equal(["CreateService"], _fake.Journal.Entries.Select(e => e.Operation));
        Assert.Equal(["ListService"], other.Journal.Entries.Select(e => e.Operation));
    }
}
