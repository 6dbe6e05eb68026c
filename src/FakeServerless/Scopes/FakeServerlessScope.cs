using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using FakeServerless.Engine;
using FakeServerless.Scopes;
using FakeServerless.Transports;

namespace FakeServerless;

/// <summary>
/// One test's slice of a shared <see cref="FakeServerlessServer"/>: its own Account SID (state is per account, so scopes never
/// see each other's services), HTTP clients authenticated as that account, a snapshot, a journal of only its requests and
/// faults and function handlers for only its account. Disposing it forgets the account's state, its faults and its handlers.
/// Create it with <see cref="FakeServerlessServer.CreateScope"/>. Server-wide settings stay shared: the options (clock, build
/// completion), <see cref="FakeServerlessServer.FailNextBuild"/>, unscoped
/// <see cref="FakeServerlessServer.MapFunction(string, FunctionHandler)"/> handlers and faults added on
/// <see cref="FakeServerlessServer.Faults"/> without an account; use a server per test for those. On a fake in another process
/// (<see cref="FakeServerlessServer.Connect"/>) a scope takes a fresh random account, so suites in several processes can share
/// one fake; its journal, snapshot, faults and reset go through the control API and see only that account.
/// </summary>
public sealed class FakeServerlessScope : IDisposable, IAsyncDisposable
{
    private static int _unnamedRemote;

    private readonly ServerlessEngine? _engine;
    private readonly ScopeRegistry? _registry;
    private readonly Remote.RemoteFake? _remote;
    private readonly HttpClientTracker _clients = new();

    internal FakeServerlessScope(FakeServerlessServer server, ServerlessEngine engine, ScopeRegistry registry, string? name)
    {
        Server = server;
        _engine = engine;
        _registry = registry;
        (Name, AccountSid) = registry.Claim(name, server.Options);
        Journal = new RequestJournal(server.Options.JournalCapacity);
        _engine.Journal.EntryAdded += OnEntry;
    }

    internal FakeServerlessScope(FakeServerlessServer server, Remote.RemoteFake remote, string? name)
    {
        Server = server;
        _remote = remote;
        Name = name ?? $"scope-{Interlocked.Increment(ref _unnamedRemote)}";

        // A remote fake is shared by processes that know nothing of each other's scopes, so the account is drawn at random (it must
        // never repeat across them, hence no seeded generator); with exact credentials only the fake's own account authenticates.
        AccountSid = remote.Settings.RequireExactCredentials
            ? remote.Settings.AccountSid
            : "AC" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Journal = new RequestJournal(remote, AccountSid);
    }

    /// <summary>The server this scope lives on (shared: <see cref="FakeServerlessServer.Reset()"/> there resets every scope).</summary>
    public FakeServerlessServer Server { get; }

    /// <summary>The name the Account SID was derived from (a test's name, or <c>scope-{n}</c>).</summary>
    public string Name { get; }

    /// <summary>This scope's Account SID: <c>AC</c> + 32 hex, the same for the same name on every run.</summary>
    public string AccountSid { get; }

    /// <summary>The auth token to pair with <see cref="AccountSid"/>.</summary>
    public string AuthToken => Server.AuthToken;

    /// <summary>This account's state, for reading and seeding from C#.</summary>
    public FakeServerlessAccount Account => Server.Account(AccountSid);

    /// <summary>Requests made as this account, and requests to its environments' domains, oldest first.</summary>
    public RequestJournal Journal { get; }

    /// <summary>The SID a scope named <paramref name="name"/> gets: <c>AC</c> + the first 16 bytes of its SHA-256, in hex.</summary>
    public static string AccountSidFor(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return "AC" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16));
    }

    /// <summary>A snapshot of this account's state.</summary>
    public ServerlessSnapshot Snapshot() => Server.Snapshot(AccountSid);

    /// <summary>As <see cref="Snapshot"/>, without blocking a thread while a remote fake answers.</summary>
    public Task<ServerlessSnapshot> SnapshotAsync(CancellationToken cancellationToken = default) => Server.SnapshotAsync(AccountSid, cancellationToken);

    /// <summary>
    /// An <see cref="HttpClient"/> that sends Twilio hosts to the fake, with Basic credentials of this account and base address
    /// <c>https://serverless.twilio.com</c> (the Twilio SDK sets its own credentials per request). Disposed with the scope.
    /// </summary>
    public HttpClient CreateHttpClient()
    {
        var client = new HttpClient(Server.CreateHandler(), disposeHandler: true) { BaseAddress = FakeServerlessServer.InMemoryUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}")));
        return _clients.Track(client, this);
    }

    /// <summary>Adds a fault for this account only (for <paramref name="operation"/>, or every operation when null).</summary>
    public FaultRule Fault(string? operation = null) => Server.Faults.When(operation, AccountSid);

    /// <summary>
    /// Runs <paramref name="handler"/> for a live function at <paramref name="path"/> on this account's domains only (see
    /// <see cref="FakeServerlessServer.MapFunction(string, FunctionHandler, string)"/>); forgotten with the scope.
    /// </summary>
    public void MapFunction(string path, FunctionHandler handler) => Server.MapFunction(path, handler, AccountSid);

    /// <summary>Synchronous form of <see cref="MapFunction(string, FunctionHandler)"/>.</summary>
    public void MapFunction(string path, Func<FunctionRequest, FunctionConsole, FunctionResponse> handler) => Server.MapFunction(path, handler, AccountSid);

    /// <summary>A canned answer for a live function at <paramref name="path"/> on this account's domains only (it works on a remote fake too).</summary>
    public void MapFunction(string path, FunctionResponse answer) => Server.MapFunction(path, answer, AccountSid);

    /// <summary>Forgets this account's state (its domains stop answering), its journal, its faults and its function handlers; the SID stays.</summary>
    public void Reset()
    {
        if (_remote is not null)
        {
            _remote.Reset(AccountSid);
            return;
        }

        _engine!.Domains.ForgetHandlersOf(AccountSid); // before the state: its environments and domains still name their owner
        _engine!.Writer.Apply(new Changes.Commands.ForgetAccountCommand(AccountSid));
        _engine.Faults.RemoveRulesOf(AccountSid);
        Journal.Clear();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_clients.DisposeAll())
        {
            return;
        }

        if (_engine is null)
        {
            Reset();
            return;
        }

        _engine.Journal.EntryAdded -= OnEntry;
        Reset();
        _registry!.Release(AccountSid);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_remote is null)
        {
            Dispose();
            return;
        }

        if (_clients.DisposeAll())
        {
            await _remote.ResetAsync(AccountSid, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private void OnEntry(JournalEntry entry)
    {
        var mine = entry.AccountSid is { } sid
            ? sid == AccountSid
            : _engine!.Backend.DomainOwner(entry.Host) == AccountSid;
        if (mine)
        {
            Journal.Add(entry);
        }
    }
}
