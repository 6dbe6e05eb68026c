using FakeServerless.Changes.Commands;
using FakeServerless.Control;
using FakeServerless.Engine;
using FakeServerless.Functions;
using FakeServerless.Scopes;
using FakeServerless.Snapshots;
using FakeServerless.Transports;
using WireMock.Server;

namespace FakeServerless;

/// <summary>
/// A running fake of the Twilio Serverless API: fresh state, on a random loopback port (or in memory). Point the Twilio SDK at
/// it with <see cref="CreateHttpClient"/>; read and seed state with <see cref="Account"/>; inspect requests in
/// <see cref="Journal"/>; inject <see cref="Faults"/>.
/// </summary>
public sealed class FakeServerlessServer : IDisposable, IAsyncDisposable
{
    /// <summary>The URL of the fake when it runs in memory: requests keep Twilio's own host.</summary>
    public static readonly Uri InMemoryUrl = new("https://serverless.twilio.com");

    private readonly FakeServerlessOptions _options;
    private readonly ServerlessEngine _engine;
    private readonly FrontDoor _frontDoor;
    private readonly WireMockTransport? _transport;
    private readonly List<IDisposable> _addOns = [];
    private readonly HttpClientTracker _clients = new();
    private readonly ScopeRegistry _scopes = new();
    private readonly NodeFunctions? _functions;

    private FakeServerlessServer(FakeServerlessOptions options)
    {
        _options = options;
        Control.ControlRequestRules.Validate(options.AllowedHosts); // before anything opens: a bad name leaves nothing behind

        // Durable mode: opens and recovers the data directory first. The control API is built with the engine, over it.
        _engine = new ServerlessEngine(options, options.EnableControlApi ? static engine => new ControlApi(engine) : null);
        try
        {
            _functions = options.FunctionRuntime == FunctionRuntime.Node ? NodeFunctions.Start(_engine, options, () => _transport?.Url) : null;
        }
        catch
        {
            _engine.Writer.Close();
            throw;
        }

        _frontDoor = new FrontDoor(_engine);
        if (options.Transport == FakeServerlessTransport.Http)
        {
            try
            {
                _transport = WireMockTransport.Start(_frontDoor, options.Host, options.Port, options.WireMockRequestLogCount);
            }
            catch
            {
                _functions?.DisposeAsync().AsTask().GetAwaiter().GetResult();
                _engine.Writer.Close();
                throw;
            }
        }

        foreach (var addOn in options.AddOns)
        {
            try
            {
                _addOns.Add(addOn.Start(_frontDoor, options));
            }
            catch
            {
                _functions?.DisposeAsync().AsTask().GetAwaiter().GetResult();
                DisposeTransports();
                _engine.Writer.Close();
                throw;
            }
        }
    }

    /// <summary>
    /// A copy of the options it was started with. The fake reads its own private copy, taken at start: changing the options
    /// passed to <see cref="Start(FakeServerlessOptions?)"/>, or the object this returns, has no effect.
    /// </summary>
    public FakeServerlessOptions Options
    {
        get
        {
            var copy = _options.Clone();
            copy.TimeProvider = _engine.Clock; // durable mode's wrapper is not the user's business
            return copy;
        }
    }

    /// <summary>In memory, or durable in a data directory (with what its start recovered, and whether it can write now).</summary>
    public PersistenceInfo Persistence => _engine.Writer.Persistence;

    /// <summary>Where the fake answers: <c>http://127.0.0.1:{port}</c>, or <see cref="InMemoryUrl"/> in memory.</summary>
    public Uri Url => _transport?.Url ?? InMemoryUrl;

    /// <summary>The Node.js that runs deployed functions (<see cref="FunctionRuntime.Node"/>); null in <see cref="FunctionRuntime.Handlers"/> mode.</summary>
    public NodeInstallation? Node => _functions?.Cache.Node;

    /// <summary>Where Node mode installs the runtime-handler and build dependencies (see <see cref="FakeServerlessOptions.NodeCacheDirectory"/>); null in Handlers mode.</summary>
    public string? NodeCacheDirectory => _functions?.Cache.Root;

    /// <summary>Node mode's parts (benchmarks and tests look at its processes); null in Handlers mode.</summary>
    internal NodeFunctions? NodeFunctions => _functions;

    /// <summary>Why Node mode failed a build (a dependency npm could not resolve, a function that does not compile); null when it did not.</summary>
    public string? BuildFailureReason(string buildSid) => _functions?.Preparer.FailureReason(buildSid);

    /// <summary>The Account SID to authenticate with (<see cref="FakeServerlessOptions.AccountSid"/>).</summary>
    public string AccountSid => _options.AccountSid;

    /// <summary>The auth token to authenticate with (<see cref="FakeServerlessOptions.AuthToken"/>).</summary>
    public string AuthToken => _options.AuthToken;

    /// <summary>Every request answered, on either transport.</summary>
    public RequestJournal Journal => _engine.Journal;

    /// <summary>Injected faults: error answers, latency, dropped connections, rate limits.</summary>
    public FaultInjector Faults => _engine.Faults;

    /// <summary>
    /// The WireMock.Net server behind the HTTP transport: an escape hatch for your own stubs (they take priority over the fake).
    /// Throws for the in-memory transport.
    /// </summary>
    public WireMockServer WireMock => _transport?.Server ?? throw new InvalidOperationException("The in-memory transport has no WireMock server; start with FakeServerlessTransport.Http.");

    /// <summary>Starts a fake with <paramref name="options"/> (or the defaults).</summary>
    public static FakeServerlessServer Start(FakeServerlessOptions? options = null) => new((options ?? new FakeServerlessOptions()).Clone());

    /// <summary>Starts a fake, letting <paramref name="configure"/> change the default options.</summary>
    public static FakeServerlessServer Start(Action<FakeServerlessOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new FakeServerlessOptions();
        configure(options);
        return Start(options);
    }

    /// <summary>Starts a fake on a background thread (binding a port is blocking work).</summary>
    public static Task<FakeServerlessServer> StartAsync(FakeServerlessOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.Run(() => Start(options), cancellationToken);

    /// <summary>Starts a fake served in memory: no socket, the fastest start.</summary>
    public static FakeServerlessServer StartInMemory(FakeServerlessOptions? options = null)
    {
        var copy = (options ?? new FakeServerlessOptions()).Clone();
        copy.Transport = FakeServerlessTransport.InMemory;
        return new FakeServerlessServer(copy);
    }

    /// <summary>
    /// An <see cref="HttpClient"/> whose requests to <c>*.twilio.com</c> and <c>*.twil.io</c> go to this fake (over its port, or in
    /// memory). Pass it to <c>new TwilioRestClient(sid, token, httpClient: new SystemNetHttpClient(client))</c>. Disposed with the fake.
    /// </summary>
    public HttpClient CreateHttpClient()
    {
        ObjectDisposedException.ThrowIf(_clients.IsDisposed, this);
        return _clients.Track(new HttpClient(CreateHandler(), disposeHandler: true), this);
    }

    /// <summary>A handler for your own <see cref="HttpClient"/> pipeline that sends Twilio hosts to this fake; you dispose it.</summary>
    public HttpMessageHandler CreateHandler() =>
        _transport is null
            ? new InMemoryHandler(_frontDoor)
            : FakeServerlessHandler.Create(_transport.Url);

    /// <summary>
    /// As <see cref="CreateHttpClient"/>, and every request to an environment domain that has no <c>X-Twilio-Signature</c> gets a
    /// valid one (see <see cref="SignDomainRequest"/>), as Twilio signs the webhooks it sends, so protected functions and assets
    /// answer. Disposed with the fake.
    /// </summary>
    public HttpClient CreateSigningHttpClient()
    {
        ObjectDisposedException.ThrowIf(_clients.IsDisposed, this);
        return _clients.Track(new HttpClient(new SigningHandler(AuthToken, CreateHandler()), disposeHandler: true), this);
    }

    /// <summary>
    /// The <c>X-Twilio-Signature</c> a protected function or asset accepts for a request to <paramref name="url"/>
    /// (<c>https://{domain_name}/path?query</c>) with the form <paramref name="parameters"/> of a POST (none for a GET): base64
    /// HMAC-SHA1 keyed by <see cref="AuthToken"/>, whichever account owns the domain, over the URL as an <see cref="HttpClient"/>
    /// sends it (host in lower case) followed by the parameters sorted by name. Every Twilio SDK's <c>RequestValidator</c>
    /// validates it; send it to the domain however the request travels (this client, the proxy, or the port with a Host header).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="url"/> is not an absolute <c>*.twil.io</c> URL.</exception>
    public string SignDomainRequest(string url, IEnumerable<KeyValuePair<string, string>>? parameters = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(url);
        return Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? Domains.RequestSignature.Compute(AuthToken, Domains.RequestSignature.SignedUrl(uri), parameters ?? [])
            : throw new ArgumentException($"'{url}' is not an absolute URL; sign https://{{domain_name}}/path.", nameof(url));
    }

    /// <summary>The state of <paramref name="accountSid"/> (default: <see cref="AccountSid"/>), for reading and seeding from C#.</summary>
    public FakeServerlessAccount Account(string? accountSid = null) => _engine.Account(accountSid ?? AccountSid);

    /// <summary>A snapshot of the default account's state.</summary>
    public ServerlessSnapshot Snapshot(string? accountSid = null) => Account(accountSid).Snapshot();

    /// <summary>
    /// A per-test slice of this server with its own Account SID, derived from <paramref name="name"/> (e.g. the test's full name;
    /// the same name gives the same SID on every run) or, when null, from a counter. Tests on one server stay isolated while
    /// they run in parallel; disposing the scope forgets its account.
    /// </summary>
    public FakeServerlessScope CreateScope(string? name = null)
    {
        ObjectDisposedException.ThrowIf(_clients.IsDisposed, this);
        return new FakeServerlessScope(this, _engine, _scopes, name);
    }

    /// <summary>
    /// Creates an API key owned by <paramref name="accountSid"/> (default: <see cref="AccountSid"/>). Basic
    /// <c>{key.Sid}:{key.Secret}</c> then acts on that account, and only with that exact secret; the journal names the key.
    /// </summary>
    public ApiKey CreateApiKey(string? accountSid = null) => _engine.CreateApiKey(accountSid ?? AccountSid);

    /// <summary>Makes the next <paramref name="count"/> builds created (in any account) end <c>failed</c> instead of <c>completed</c>.</summary>
    public void FailNextBuild(int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        _engine.Writer.Apply(new FailNextBuildsCommand(count));
    }

    /// <summary>
    /// Runs <paramref name="handler"/> when a deployed function at <paramref name="path"/> is requested on an environment's domain.
    /// Without a handler, a function answers 200 with a JSON description of itself.
    /// </summary>
    public void MapFunction(string path, FunctionHandler handler) => MapFunction(path, handler, scope: null);

    /// <summary>Synchronous form of <see cref="MapFunction(string, FunctionHandler)"/>.</summary>
    public void MapFunction(string path, Func<FunctionRequest, FunctionConsole, FunctionResponse> handler) => MapFunction(path, handler, scope: null);

    /// <summary>
    /// As <see cref="MapFunction(string, FunctionHandler)"/>, for one owner only: <paramref name="scope"/> is an Account SID, an
    /// Environment SID or an environment's domain name (null: every domain). A request takes the most specific handler for its
    /// path (its domain's, then its environment's, then its account's, then an unscoped one), so suites sharing one fake, one
    /// account each, never see each other's. Resetting or forgetting an account forgets its handlers.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="scope"/> is none of those.</exception>
    public void MapFunction(string path, FunctionHandler handler, string? scope)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(handler);
        _engine.Domains.Map(Domains.FunctionScope.Parse(scope, nameof(scope)), path, handler);
    }

    /// <summary>Synchronous form of <see cref="MapFunction(string, FunctionHandler, string)"/>.</summary>
    public void MapFunction(string path, Func<FunctionRequest, FunctionConsole, FunctionResponse> handler, string? scope)
    {
        ArgumentNullException.ThrowIfNull(handler);
        MapFunction(path, (request, console, _) => ValueTask.FromResult(handler(request, console)), scope);
    }

    /// <summary>
    /// The whole state of the fake, every account included, as plain data (see <see cref="FakeServerlessState"/>; its
    /// <see cref="FakeServerlessState.ToJson"/> writes it as JSON).
    /// </summary>
    public FakeServerlessState ExportState() => _engine.Backend.Export();

    /// <summary>
    /// Replaces the whole state of the fake with <paramref name="state"/> (from <see cref="ExportState"/> here or on another
    /// fake). Journal, faults and function handlers stay as they are.
    /// </summary>
    /// <exception cref="ArgumentException">The state has another version or contradicts itself; nothing changes.</exception>
    public void ImportState(FakeServerlessState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        try
        {
            _engine.Writer.ReplaceState(state);
        }
        catch (StateValidationException ex)
        {
            throw ex.ToArgumentException(); // the message names the JSON path of the first bad value
        }
    }

    /// <summary>Forgets all state of every account, its API keys, the journal, the faults and the function handlers; SIDs start again from the seed.</summary>
    public void Reset() => _engine.Reset();

    /// <summary>The running add-on transport of type <typeparamref name="T"/> (e.g. the proxy), if the options added one.</summary>
    internal T? AddOn<T>()
        where T : class => _addOns.OfType<T>().FirstOrDefault();

    /// <inheritdoc />
    public void Dispose()
    {
        if (_clients.DisposeAll())
        {
            _functions?.DisposeAsync().AsTask().GetAwaiter().GetResult(); // no Node process outlives the fake
            DisposeTransports();
            _engine.Writer.Close(); // after the transports: no request is answered once the data directory is closed
        }
    }

    private void DisposeTransports()
    {
        for (var i = _addOns.Count - 1; i >= 0; i--)
        {
            _addOns[i].Dispose();
        }

        _transport?.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
