using System.Collections.Concurrent;
using Twilio.Rest.Serverless.V1;

namespace FakeServerless.Xunit.Tests;

/// <summary>
/// One server shared by every test of the deriving class (a class fixture in v2, the assembly fixture in v3); xUnit builds
/// the class per test, so each test opens and disposes its own scope.
/// </summary>
public abstract class SharedFixtureTests(FakeServerlessFixture fixture) : IDisposable
{
    private static readonly ConcurrentBag<(FakeServerlessServer Server, string AccountSid)> Finished = [];

    protected FakeServerlessScope Fake { get; } = fixture.CreateScope();

    public void Dispose()
    {
        Finished.Add((fixture.Server, Fake.AccountSid));
        Fake.Dispose();
        GC.SuppressFinalize(this);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task CreateService_SameUniqueNameInEveryTest_NoConflictAndEarlierTestsForgotten(int n)
    {
        var created = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: $"Shop {n}", client: Fake.Twilio());
        var listed = await ServiceResource.ReadAsync(client: Fake.Twilio());

        Assert.Equal(Fake.AccountSid, created.AccountSid);
        Assert.Equal([$"Shop {n}"], listed.Select(s => s.FriendlyName));
        Assert.All(Finished, earlier => Assert.Same(fixture.Server, earlier.Server));
        Assert.All(Finished, earlier => Assert.Empty(fixture.Server.Snapshot(earlier.AccountSid).Services));
    }

    [Fact]
    public async Task Journal_OfTheScope_HoldsOnlyThisTestsRequests()
    {
        using var other = fixture.CreateScope("other");
        await ServiceResource.ReadAsync(client: other.Twilio());

        await ServiceResource.CreateAsync(uniqueName: "mine", friendlyName: "Mine", client: Fake.Twilio());

        Assert.Equal(["CreateService"], Fake.Journal.Entries.Select(e => e.Operation));
        Assert.Equal(["ListService"], other.Journal.Entries.Select(e => e.Operation));
    }

    [Fact]
    public async Task CreateScope_ManyConcurrentScopes_EachSeesOnlyItsOwnService()
    {
        var scopes = Enumerable.Range(0, 16).Select(_ => fixture.Server.CreateScope()).ToList();

        await Task.WhenAll(scopes.Select(s => ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: s.Name, client: s.Twilio())));
        var listed = await Task.WhenAll(scopes.Select(s => ServiceResource.ReadAsync(client: s.Twilio())));

        Assert.Equal(scopes.Select(s => s.Name), listed.Select(l => l.Single().FriendlyName));
        scopes.ForEach(s => s.Dispose());
        Assert.All(scopes, s => Assert.Empty(fixture.Server.Snapshot(s.AccountSid).Services));
    }

    [Fact]
    public async Task Account_SeededFromCSharp_VisibleThroughTheSdk()
    {
        Fake.Account.CreateService("seeded", "Seeded");

        var fetched = await ServiceResource.FetchAsync("seeded", client: Fake.Twilio());

        Assert.Equal("Seeded", fetched.FriendlyName);
        Assert.Equal(fetched.Sid, Fake.Snapshot().Services.Single().Sid);
    }
}
