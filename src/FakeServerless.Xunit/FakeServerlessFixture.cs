using Xunit;

// One source for both xUnit versions: FakeServerless.Xunit.V3 compiles this file too, with XUNIT_V3 defined.
#if XUNIT_V3
namespace FakeServerless.Xunit.V3;
#else
namespace FakeServerless.Xunit;
#endif

#if XUNIT_V3
/// <summary>
/// An xUnit v3 class, collection or assembly fixture (<c>[assembly: AssemblyFixture(typeof(FakeServerlessFixture))]</c>) that
/// starts one <see cref="FakeServerlessServer"/> for all the tests that share it. Give each test its own isolated account with
/// <see cref="CreateScope"/> in the test class's constructor and dispose it after the test: tests then never see each other's
/// state, even when they run in parallel on one server. Derive and override <see cref="Configure"/> to change the options.
/// With <c>FAKESERVERLESS_URL</c> set (and <c>FAKESERVERLESS_CONTROL_TOKEN</c>), the fixture connects to that fake instead and each
/// scope is a fresh random account on it; a derived fixture that overrides <see cref="Configure"/> keeps its fake in process.
/// </summary>
#else
/// <summary>
/// An xUnit v2 class or collection fixture that starts one <see cref="FakeServerlessServer"/> for all the tests that share it.
/// Give each test its own isolated account with <see cref="CreateScope"/> in the test class's constructor and dispose it in
/// <c>Dispose</c>: the tests then never see each other's state, even on one server. Derive and override
/// <see cref="Configure"/> to change the options (transport, clock, build completion…). With <c>FAKESERVERLESS_URL</c> set (and
/// <c>FAKESERVERLESS_CONTROL_TOKEN</c>), the fixture connects to that fake instead (the standalone <c>fake-serverless</c>, a
/// container, a shared fake) and each scope is a fresh random account on it; a derived fixture that overrides
/// <see cref="Configure"/> wants settings of its own and keeps its fake in process.
/// </summary>
#endif
public class FakeServerlessFixture : IAsyncLifetime
{
    private FakeServerlessServer? _server;

    /// <summary>The shared server (from <see cref="InitializeAsync"/> to <see cref="DisposeAsync"/>). Prefer a scope's members.</summary>
    public FakeServerlessServer Server => _server ?? throw new InvalidOperationException("The fake starts in InitializeAsync; xUnit calls it before the first test.");

#if XUNIT_V3
    /// <summary>
    /// A per-test scope with its own Account SID, derived from <paramref name="name"/> or else from the current test's display
    /// name (the same SID on every run), or from a counter outside a test. Dispose it at the end of the test to forget its account.
    /// </summary>
    public FakeServerlessScope CreateScope(string? name = null) => Server.CreateScope(name ?? TestContext.Current.Test?.TestDisplayName);
#else
    /// <summary>
    /// A per-test scope with its own Account SID, derived from <paramref name="name"/> (e.g. the test's name) or from a counter.
    /// Dispose it at the end of the test to forget its account.
    /// </summary>
    public FakeServerlessScope CreateScope(string? name = null) => Server.CreateScope(name);
#endif

    /// <summary>Starts the server with the options of <see cref="Configure"/>.</summary>
#if XUNIT_V3
    public virtual async ValueTask InitializeAsync()
#else
    public virtual async Task InitializeAsync()
#endif
        => _server = UsesEnvironment() && FakeServerlessServer.ConnectFromEnvironment() is { } remote
            ? remote
            : await FakeServerlessServer.StartAsync(Configure()).ConfigureAwait(false);

    /// <summary>Stops the server and disposes every client it created.</summary>
#if XUNIT_V3
    public virtual async ValueTask DisposeAsync()
#else
    public virtual async Task DisposeAsync()
#endif
    {
        if (_server is { } server)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }

    private bool UsesEnvironment() =>
        GetType().GetMethod(nameof(Configure), System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic, Type.EmptyTypes)?.DeclaringType == typeof(FakeServerlessFixture);

    /// <summary>The server's options; called once, by <see cref="InitializeAsync"/>. Default: <see cref="FakeServerlessOptions"/>' defaults.</summary>
    protected virtual FakeServerlessOptions Configure() => new();
}
