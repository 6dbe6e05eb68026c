using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
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
/// <see cref="FakeServerlessServer.Faults"/> without an account; use a server per test for those.
/// </summary>
public sealed class FakeServerlessScope : IDisposable, IAsyncDisposable
{
    private readonly ServerlessEngine _engine;
    private readonly ScopeRegistry _registry;
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

    /// <summary>The server this scope lives on (shared: <see cref="FakeServerlessServer.Reset"/> there resets every scope).</summary>
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

    /// <summary>Forgets this account's state (its domains stop answering), its journal, its faults and its function handlers; the SID stays.</summary>
    public void Reset()
    {
        _engine.Domains.ForgetHandlersOf(AccountSid); // before the state: its environments and domains still name their owner
        _engine.Writer.Apply(new Changes.Commands.ForgetAccountCommand(AccountSid));
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

        _engine.Journal.EntryAdded -= OnEntry;
        Reset();
        _registry.Release(AccountSid);
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void OnEntry(JournalEntry entry)
    {
        var mine = entry.AccountSid is { } sid
            ? sid == AccountSid
            : _engine.Backend.DomainOwner(entry.Host) == AccountSid;
        if (mine)
        {
            Journal.Add(entry);
        }
    }
}
