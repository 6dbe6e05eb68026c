using System.Collections.Concurrent;
using Twilio.Rest.Serverless.V1;

namespace FakeServerless.Xunit.Tests;

/// <summary>Run by both classes of <see cref="SharedServerCollection"/>: one configured server, an isolated account per class.</summary>
public abstract class SharedServerTests(InMemoryFixture fixture, string name) : IDisposable
{
    private static readonly ConcurrentBag<FakeServerlessServer> Servers = [];
    private readonly FakeServerlessScope _fake = fixture.CreateScope(name);

    public void Dispose()
    {
        _fake.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Fixture_ClassesOfTheCollection_ShareOneConfiguredServerButNotState()
    {
        Servers.Add(fixture.Server);

        var created = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: name, client: _fake.Twilio());

        Assert.Equal(FakeServerlessScope.AccountSidFor(name), created.AccountSid);
        Assert.Equal(FakeServerlessTransport.InMemory, fixture.Server.Options.Transport);
        Assert.Single(Servers.Distinct());
        Assert.Equal([name], (await ServiceResource.ReadAsync(client: _fake.Twilio())).Select(s => s.FriendlyName));
    }
}
