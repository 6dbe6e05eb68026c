using System.Collections.Concurrent;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;

namespace FakeServerless.Xunit.V3.Tests;

[Collection(SharedServerCollection.Name)]
public sealed class CollectionFixtureBTests(CollectionFakeFixture fixture, FakeServerlessFixture assemblyFixture) : IAsyncDisposable
{
    private readonly FakeServerlessScope _fake = fixture.CreateScope();

    public static ConcurrentBag<FakeServerlessServer> Servers { get; } = [];

    public ValueTask DisposeAsync() => _fake.DisposeAsync();

    [Fact]
    public async Task Fixture_ClassesOfTheCollection_ShareOneConfiguredServerButNotState()
    {
        Servers.Add(fixture.Server);

        var created = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "B", client: _fake.Twilio());

        Assert.Equal(FakeServerlessTransport.InMemory, fixture.Server.Options.Transport);
        Assert.NotSame(assemblyFixture.Server, fixture.Server);
        Assert.Single(CollectionFixtureATests.Servers.Concat(CollectionFixtureBTests.Servers).Distinct());
        Assert.Equal([created.Sid], (await ServiceResource.ReadAsync(client: _fake.Twilio())).Select(s => s.Sid));
    }

    [Fact]
    public async Task CreateBuild_ManualCompletionFromConfigure_BuildingUntilCompleted()
    {
        _fake.Account.CreateService("shop");
        var version = _fake.Account.CreateFunctionVersion("shop", _fake.Account.CreateFunction("shop", "hello").Sid, "/hello", "exports.handler = () => {}");

        var build = await BuildResource.CreateAsync("shop", functionVersions: [version.Sid], client: _fake.Twilio());
        var before = (await BuildResource.FetchAsync("shop", build.Sid, client: _fake.Twilio())).Status;
        _fake.Account.CompleteBuild("shop", build.Sid);
        var after = (await BuildResource.FetchAsync("shop", build.Sid, client: _fake.Twilio())).Status;

        Assert.Equal(BuildResource.StatusEnum.Building, before);
        Assert.Equal(BuildResource.StatusEnum.Completed, after);
    }
}
