using System.Collections.Concurrent;
using Twilio.Rest.Serverless.V1;

namespace FakeServerless.Xunit.Tests;

[Collection(SharedServerCollection.Name)]
public sealed class CollectionFixtureBTests(FakeServerlessFixture fixture) : IDisposable
{
    private readonly FakeServerlessScope _fake = fixture.CreateScope("B");

    public static ConcurrentBag<FakeServerlessServer> Servers { get; } = [];

    public void Dispose() => _fake.Dispose();

    [Fact]
    public async Task Fixture_ClassesOfTheCollection_ShareOneServerButNotState()
    {
        Servers.Add(fixture.Server);

        var created = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "B", client: _fake.Twilio());

        Assert.Equal(FakeServerlessScope.AccountSidFor("B"), created.AccountSid);
        Assert.Single(CollectionFixtureATests.Servers.Concat(CollectionFixtureBTests.Servers).Distinct());
        Assert.Equal(["B"], (await ServiceResource.ReadAsync(client: _fake.Twilio())).Select(s => s.FriendlyName));
    }
}
