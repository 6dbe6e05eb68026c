using System.Collections.Concurrent;
using System.Reflection;
using NUnit.Framework;

namespace FakeServerless.NUnit;

/// <summary>
/// Base class for NUnit fixtures that test against a fake Twilio Serverless API. Each fixture (each instance of a
/// parameterised fixture) shares one <see cref="FakeServerlessServer"/>, started on its first test and stopped after its last;
/// each test gets a <see cref="FakeServerlessScope"/>: its own Account SID, derived from the test's full name, so its state,
/// journal and faults are isolated from every other test. That holds under <c>[Parallelizable(ParallelScope.All)]</c> with
/// either <c>[FixtureLifeCycle]</c>. Override <see cref="ServerPerTest"/> for tests that change server-wide settings.
/// <para>
/// With <c>FAKESERVERLESS_URL</c> set (and <c>FAKESERVERLESS_CONTROL_TOKEN</c> when that fake has a token), the same tests run
/// against that fake instead (the standalone <c>fake-serverless</c>, a container, a fake shared by a whole CI job): each test's scope
/// is a fresh random account on it, so suites in parallel, in several processes, never see each other, and <see cref="Journal"/>,
/// <see cref="Snapshot"/>, faults and the reset at the end see only that account. A fixture that overrides <see cref="Configure"/>
/// or <see cref="ServerPerTest"/>, or names a transport, wants settings of its own, which a shared fake cannot take: it keeps its
/// fake in process.
/// </para>
/// </summary>
public abstract class FakeServerlessTestBase
{
    private static readonly ConcurrentDictionary<string, FakeServerlessScope> Scopes = new(StringComparer.Ordinal);
    private readonly FakeServerlessTransport? _transport;

    /// <summary>Uses <paramref name="transport"/> whatever <see cref="Configure"/> says (handy with <c>[TestFixtureSource]</c>).</summary>
    protected FakeServerlessTestBase(FakeServerlessTransport? transport = null) => _transport = transport;

    /// <summary>The current test's scope. Only valid inside a test, its <c>[SetUp]</c> and <c>[TearDown]</c>.</summary>
    protected FakeServerlessScope Scope => Scopes.TryGetValue(TestContext.CurrentContext.Test.ID, out var scope)
        ? scope
        : throw new InvalidOperationException("The fake is only available inside a test (from [SetUp] to [TearDown]).");

    /// <summary>The server. Shared by the fixture's tests unless <see cref="ServerPerTest"/>: prefer the members below.</summary>
    protected FakeServerlessServer Fake => Scope.Server;

    /// <summary>This test's Account SID; pass it with <see cref="AuthToken"/> to <c>TwilioRestClient</c>.</summary>
    protected string AccountSid => Scope.AccountSid;

    /// <summary>The auth token to pair with <see cref="AccountSid"/>.</summary>
    protected string AuthToken => Scope.AuthToken;

    /// <summary>This test's account, for seeding and reading state from C#.</summary>
    protected FakeServerlessAccount Account => Scope.Account;

    /// <summary>The requests of this test's account only.</summary>
    protected RequestJournal Journal => Scope.Journal;

    /// <summary>When true, each test gets its own server: to change its clock, map unscoped functions, fail builds, or require exact credentials.</summary>
    protected virtual bool ServerPerTest => false;

    /// <summary>A snapshot of this test's account.</summary>
    protected ServerlessSnapshot Snapshot() => Scope.Snapshot();

    /// <summary>A client that sends Twilio hosts to the fake, authenticated as <see cref="AccountSid"/>; disposed after the test.</summary>
    protected HttpClient CreateHttpClient() => Scope.CreateHttpClient();

    /// <summary>
    /// Runs <paramref name="handler"/> for a live function at <paramref name="path"/> on this test's domains only, so parallel
    /// tests can each map the same path; forgotten after the test.
    /// </summary>
    protected void MapFunction(string path, Func<FunctionRequest, FunctionConsole, FunctionResponse> handler) => Scope.MapFunction(path, handler);

    /// <summary>Asynchronous form of <see cref="MapFunction(string, Func{FunctionRequest, FunctionConsole, FunctionResponse})"/>.</summary>
    protected void MapFunction(string path, FunctionHandler handler) => Scope.MapFunction(path, handler);

    /// <summary>The server's options; called once per fixture (or per test with <see cref="ServerPerTest"/>).</summary>
    protected virtual FakeServerlessOptions Configure() => new();

    /// <summary>Opens the test's scope (starting the fixture's server on the first test).</summary>
    [SetUp]
    public void OpenFakeServerlessScope()
    {
        var test = TestContext.CurrentContext.Test;
        var server = ServerPerTest ? StartServer() : FixtureServers.GetOrStart(test, StartServer);
        Scopes[test.ID] = server.CreateScope(test.FullName);
    }

    /// <summary>Disposes the test's scope (forgetting its account) and, with <see cref="ServerPerTest"/>, its server.</summary>
    [TearDown]
    public void CloseFakeServerlessScope()
    {
        if (Scopes.TryRemove(TestContext.CurrentContext.Test.ID, out var scope))
        {
            scope.Dispose();
            if (ServerPerTest)
            {
                scope.Server.Dispose();
            }
        }
    }

    /// <summary>Stops the fixture's server after its last test.</summary>
    [OneTimeTearDown]
    public static void StopFakeServerlessServer() => FixtureServers.Stop(TestContext.CurrentContext.Test.ID);

    /// <summary>True when this fixture runs on the fake <c>FAKESERVERLESS_URL</c> names (see the class remarks).</summary>
    protected bool IsRemote => !ServerPerTest && _transport is null && !OverridesConfigure() &&
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(FakeServerlessServer.UrlVariable));

    private bool OverridesConfigure() =>
        GetType().GetMethod(nameof(Configure), BindingFlags.Instance | BindingFlags.NonPublic, Type.EmptyTypes)?.DeclaringType != typeof(FakeServerlessTestBase);

    private FakeServerlessServer StartServer()
    {
        if (IsRemote)
        {
            return FakeServerlessServer.ConnectFromEnvironment()!;
        }

        var options = Configure();
        options.Transport = _transport ?? options.Transport;
        return FakeServerlessServer.Start(options);
    }
}
