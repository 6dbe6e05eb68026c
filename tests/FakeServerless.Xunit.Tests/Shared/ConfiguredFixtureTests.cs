using Twilio.Rest.Serverless.V1.Service;

namespace FakeServerless.Xunit.Tests;

public sealed class ConfiguredFixtureTests(InMemoryFixture fixture) : IClassFixture<InMemoryFixture>, IDisposable
{
    private readonly FakeServerlessScope _fake = fixture.CreateScope();

    public void Dispose() => _fake.Dispose();

    [Fact]
    public void Configure_Overridden_ServerStartedWithThoseOptions()
    {
        Assert.Equal(FakeServerlessTransport.InMemory, fixture.Server.Options.Transport);
        Assert.Equal(FakeServerlessServer.InMemoryUrl, fixture.Server.Url);
    }

    [Fact]
    public async Task CreateBuild_ManualCompletion_BuildingUntilCompleted()
    {
        _fake.Account.CreateService("shop");
        var version = _fake.Account.CreateFunctionVersion("shop", _fake.Account.CreateFunction("shop", "hello").Sid, "/hello", "exports.handler = () => {}");

        var build = await BuildResource.CreateAsync("shop", functionVersions: [version.Sid], client: _fake.Twilio());
        var before = await BuildResource.FetchAsync("shop", build.Sid, client: _fake.Twilio());
        _fake.Account.CompleteBuild("shop", build.Sid);
        var after = await BuildResource.FetchAsync("shop", build.Sid, client: _fake.Twilio());

        Assert.Equal(BuildResource.StatusEnum.Building, before.Status);
        Assert.Equal(BuildResource.StatusEnum.Completed, after.Status);
    }
}
