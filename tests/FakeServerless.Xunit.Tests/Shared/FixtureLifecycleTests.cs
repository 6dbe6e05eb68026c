namespace FakeServerless.Xunit.Tests;

/// <summary>The fixture driven by hand, as xUnit drives it.</summary>
public sealed class FixtureLifecycleTests
{
#if XUNIT_V3
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;
#else
    private static CancellationToken Cancel => CancellationToken.None;
#endif

    [Fact]
    public void Server_BeforeInitializeAsync_Throws()
    {
        var fixture = new FakeServerlessFixture();

        var error = Assert.Throws<InvalidOperationException>(() => fixture.Server);

        Assert.Contains("InitializeAsync", error.Message);
    }

    [Fact]
    public async Task DisposeAsync_AfterInitializeAsync_ServerStoppedAndClientsDisposed()
    {
        var fixture = new FakeServerlessFixture();
        await fixture.InitializeAsync();
        var scope = fixture.CreateScope();
        var client = scope.CreateHttpClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/v1/Services", Cancel)).StatusCode);

        await fixture.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => fixture.CreateScope());
        await Assert.ThrowsAnyAsync<Exception>(() => client.GetAsync("/v1/Services", Cancel));
    }

    [Fact]
    public async Task DisposeAsync_NeverInitialized_DoesNothing()
    {
        var fixture = new FakeServerlessFixture();

        await fixture.DisposeAsync();

        Assert.Throws<InvalidOperationException>(() => fixture.Server);
    }
}
