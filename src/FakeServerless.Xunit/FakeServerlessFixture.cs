using Xunit;

namespace FakeServerless.Xunit;

/// <summary>
/// An xUnit v2 class or collection fixture that starts one <see cref="FakeServerlessServer"/> for all the tests that share it.
/// Give each test its own isolated account with <see cref="CreateScope"/> in the test class's constructor and dispose it in
/// <c>Dispose</c>: the tests then never see each other's state, even on one server. Derive and override
/// <see cref="Configure"/> to change the options (transport, clock, build completion…).
/// </summary>
public class FakeServerlessFixture : IAsyncLifetime
{
    private FakeServerlessServer? _server;

    /// <summary>The shared server (from <see cref="InitializeAsync"/> to <see cref="DisposeAsync"/>). Prefer a scope's members.</summary>
    public FakeServerlessServer Server => _server ?? throw new InvalidOperationException("The fake starts in InitializeAsync; xUnit calls it before the first test.");

    /// <summary>
    /// A per-test scope with its own Account SID, derived from <paramref name="name"/> (e.g. the test's name) or from a counter.
    /// Dispose it at the end of the test to forget its account.
    /// </summary>
    public FakeServerlessScope CreateScope(string? name = null) => Server.CreateScope(name);

    /// <summary>Starts the server with the options of <see cref="Configure"/>.</summary>
    public virtual async Task InitializeAsync() => _server = await FakeServerlessServer.StartAsync(Configure()).ConfigureAwait(false);

    /// <summary>Stops the server and disposes every client it created.</summary>
    public virtual async Task DisposeAsync()
    {
        if (_server is { } server)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The server's options; called once, by <see cref="InitializeAsync"/>. Default: <see cref="FakeServerlessOptions"/>' defaults.</summary>
    protected virtual FakeServerlessOptions Configure() => new();
}
