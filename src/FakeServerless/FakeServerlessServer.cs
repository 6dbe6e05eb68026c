using FakeServerless.Changes.Commands;
using FakeServerless.Control;
using FakeServerless.Engine;
using FakeServerless.Functions;
using FakeServerless.Persistence;
using FakeServerless.Remote;
using FakeServerless.Scopes;
using FakeServerless.Snapshots;
using FakeServerless.Transports;
using WireMock.Server;

namespace FakeServerless;

/// <summary>
/// A running fake of the Twilio Serverless API: fresh state, on a random loopback port (or in memory). Point the Twilio SDK at
/// it with <see cref="CreateHttpClient"/>; read and seed state with <see cref="Account"/>; inspect requests in
/// <see cref="Journal"/>; inject <see cref="Faults"/>. <see cref="Connect"/> gives the same API over a fake that runs elsewhere
/// (the standalone <c>fake-serverless</c>, a container, a shared fake): the same types with the same meaning, through its control API.
/// </summary>
public sealed class FakeServerlessServer : IDisposable, IAsyncDisposable
{
    /// <summary>The URL of the fake when it runs in memory: requests keep Twilio's own host.</summary>
    public static readonly Uri InMemoryUrl = new("https://serverless.twilio.com");

    private readonly FakeServerlessOptions _options;
    private readonly ServerlessEngine _engine;
    private readonly FrontDoor _frontDoor;
    private readonly RemoteFake? _remote;
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
        Journal = _engine.Journal;
        Faults = _engine.Faults;
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

    /// <summary>A fake in another process, driven through its control API; the engine and transports live there.</summary>
    private FakeServerlessServer(RemoteFake remote)
    {
        _remote = remote;
        _options = null!; // read from the remote fake's settings on first use
        _engine = null!;
        _frontDoor = null!;
        Journal = new RequestJournal(remote, remote.ScopeAccountSid);
        Faults = new FaultInjector(remote);
    }

    /// <summary>
    /// A copy of the options it was started with. The fake reads its own private copy, taken at start: changing the options
    /// passed to <see cref="Start(FakeServerlessOptions?)"/>, or the object this returns, has no effect.
    /// </summary>
    public FakeServerlessOptions Options
    {
        get
        {
            if (_remote is not null)
            {
                return _remote.Options();
            }

            var copy = _options.Clone();
            copy.TimeProvider = _engine.Clock; // durable mode's wrapper is not the user's business
            return copy;
        }
    }

    /// <summary>In memory, or durable in a data directory (with what its start recovered, and whether it can write now).</summary>
    public PersistenceInfo Persistence => _remote?.Persistence() ?? _engine.Writer.Persistence;

    /// <summary>Where the fake answers: <c>http://127.0.0.1:{port}</c>, or <see cref="InMemoryUrl"/> in memory, or the address <see cref="Connect"/> was given.</summary>
    public Uri Url => _remote?.BaseAddress ?? _transport?.Url ?? InMemoryUrl;

    /// <summary>True for a fake in another process, reached through <see cref="Connect"/>.</summary>
    public bool IsRemote => _remote is not null;

    /// <summary>The Node.js that runs deployed functions (<see cref="FunctionRuntime.Node"/>); null in <see cref="FunctionRuntime.Handlers"/> mode.</summary>
    public NodeInstallation? Node => _functions?.Cache.Node;

    /// <summary>Where Node mode installs the runtime-handler and build dependencies (see <see cref="FakeServerlessOptions.NodeCacheDirectory"/>); null in Handlers mode.</summary>
    public string? NodeCacheDirectory => _functions?.Cache.Root;

    /// <summary>Node mode's parts (benchmarks and tests look at its processes); null in Handlers mode.</summary>
    internal NodeFunctions? NodeFunctions => _functions;

    /// <summary>Why Node mode failed a build (a dependency npm could not resolve, a function that does not compile); null when it did not.</summary>
    public string? BuildFailureReason(string buildSid) => _functions?.Preparer.FailureReason(buildSid);

    /// <summary>
    /// The Account SID to authenticate with (<see cref="FakeServerlessOptions.AccountSid"/>; for a remote fake scoped to an account,
    /// that account).
    /// </summary>
    public string AccountSid => _remote?.AccountSid ?? _options.AccountSid;

    /// <summary>The auth token to authenticate with (<see cref="FakeServerlessOptions.AuthToken"/>).</summary>
    public string AuthToken => _remote?.Settings.AuthToken ?? _options.AuthToken;

    /// <summary>Every request answered, on either transport (for a remote fake scoped to an account: that account's and its domains').</summary>
    public RequestJournal Journal { get; }

    /// <summary>Injected faults: error answers, latency, dropped connections, rate limits.</summary>
    public FaultInjector Faults { get; }

    /// <summary>
    /// The WireMock.Net server behind the HTTP transport: an escape hatch for your own stubs (they take priority over the fake).
    /// Throws for the in-memory transport.
    /// </summary>
    public WireMockServer WireMock => _transport?.Server ?? throw new InvalidOperationException(_remote is null
        ? "The in-memory transport has no WireMock server; start with FakeServerlessTransport.Http."
        : "A remote fake's WireMock server runs in the fake's own process; stub over its port, or start a fake in this process.");

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

    /// <summary>
    /// The fake that answers at <paramref name="baseAddress"/> in another process (<c>fake-serverless</c>, its container, a shared
    /// fake), with the same API as one started here: <see cref="Journal"/>, <see cref="Faults"/> (the same fluent rules, each change
    /// sent as it is made), <see cref="Snapshot"/>, <see cref="Account"/>, <c>Seed()</c>, <see cref="CreateApiKey"/>,
    /// <see cref="ExportState"/>/<see cref="ImportState"/>, <see cref="Reset()"/>, the virtual clock (<c>Options.TimeProvider</c>), and
    /// <see cref="CreateHttpClient"/> sending Twilio's hosts there. Each member is a control API call (synchronous members block
    /// only their caller; the <c>…Async</c> twins block no thread); a refusal throws <see cref="FakeServerlessControlException"/>
    /// with the fake's message. A C# function handler cannot cross the wire: <see cref="MapFunction(string, FunctionHandler)"/>
    /// throws; map a canned answer with <see cref="MapFunction(string, FunctionResponse, string)"/>. Nothing is sent until the first
    /// call; disposing it disposes its clients and leaves the fake running.
    /// </summary>
    /// <param name="baseAddress">Where the fake answers, e.g. <c>http://127.0.0.1:4010</c>.</param>
    /// <param name="controlToken">The fake's control token (<c>--control-token</c>), if it demands one.</param>
    /// <param name="accountSid">
    /// Scope it to this account (a test's own, on a shared fake): <see cref="AccountSid"/>, <see cref="Snapshot"/>, <see cref="Account"/>
    /// and <c>Seed()</c> default to it; <see cref="Journal"/> holds only its requests and its domains'; <see cref="Faults"/> apply only to
    /// it unless told otherwise; <see cref="Reset()"/> and <see cref="ExportState"/> see only it. Null: the whole fake.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="baseAddress"/> is not an absolute http(s) URL, or <paramref name="accountSid"/> is not an Account SID.</exception>
    public static FakeServerlessServer Connect(Uri baseAddress, string? controlToken = null, string? accountSid = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        if (!baseAddress.IsAbsoluteUri || (baseAddress.Scheme != Uri.UriSchemeHttp && baseAddress.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The fake's base address must be an absolute http(s) URL such as http://127.0.0.1:4010, not '{baseAddress}'.", nameof(baseAddress));
        }

        if (accountSid is not null && !State.SidPrefix.IsSid(accountSid, State.SidPrefix.Account))
        {
            throw new ArgumentException($"accountSid must be an Account SID (AC followed by 32 hexadecimal digits), but it is '{accountSid}'.", nameof(accountSid));
        }

        return new FakeServerlessServer(new RemoteFake(new Uri(baseAddress.GetLeftPart(UriPartial.Authority)), controlToken, accountSid));
    }

    /// <summary>
    /// As <see cref="Connect"/>, and reads the fake's settings before it returns (so an address with no fake, or a wrong token,
    /// fails here), without blocking a thread.
    /// </summary>
    /// <exception cref="HttpRequestException">Nothing answers at <paramref name="baseAddress"/>.</exception>
    /// <exception cref="FakeServerlessControlException">The fake refused (e.g. 401: the control token is missing or wrong).</exception>
    public static async Task<FakeServerlessServer> ConnectAsync(Uri baseAddress, string? controlToken = null, string? accountSid = null, CancellationToken cancellationToken = default)
    {
        var fake = Connect(baseAddress, controlToken, accountSid);
        try
        {
            await fake._remote!.LoadSettingsAsync(cancellationToken).ConfigureAwait(false);
            return fake;
        }
        catch
        {
            fake.Dispose();
            throw;
        }
    }

    /// <summary>The variable naming a running fake for <see cref="ConnectFromEnvironment"/>, e.g. <c>http://127.0.0.1:4010</c>.</summary>
    public const string UrlVariable = "FAKESERVERLESS_URL";

    /// <summary>The variable holding that fake's control token (the one <c>fake-serverless</c> itself reads).</summary>
    public const string ControlTokenVariable = "FAKESERVERLESS_CONTROL_TOKEN";

    /// <summary>
    /// <see cref="Connect"/> to the fake <c>FAKESERVERLESS_URL</c> names (with <c>FAKESERVERLESS_CONTROL_TOKEN</c>, if set), or null
    /// when it is unset or empty: what the NUnit and xUnit fixtures do to run one suite in process or against a shared fake.
    /// </summary>
    /// <exception cref="ArgumentException"><c>FAKESERVERLESS_URL</c> is not an absolute http(s) URL.</exception>
    public static FakeServerlessServer? ConnectFromEnvironment(string? accountSid = null)
    {
        if (Environment.GetEnvironmentVariable(UrlVariable) is not { Length: > 0 } url)
        {
            return null;
        }

        return Uri.TryCreate(url.Trim(), UriKind.Absolute, out var baseAddress) && baseAddress.Scheme is "http" or "https"
            ? Connect(baseAddress, Environment.GetEnvironmentVariable(ControlTokenVariable) is { Length: > 0 } token ? token : null, accountSid)
            : throw new ArgumentException($"{UrlVariable} must be the URL of a running fake, such as http://127.0.0.1:4010, but it is '{url}'.");
    }

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
        _remote is not null ? FakeServerlessHandler.Create(_remote.BaseAddress)
        : _transport is null ? new InMemoryHandler(_frontDoor)
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
    public FakeServerlessAccount Account(string? accountSid = null) =>
        _remote is null ? _engine.Account(accountSid ?? AccountSid) : new(_remote, accountSid ?? AccountSid);

    /// <summary>A snapshot of the default account's state.</summary>
    public ServerlessSnapshot Snapshot(string? accountSid = null) => Account(accountSid).Snapshot();

    /// <summary>As <see cref="Snapshot"/>, without blocking a thread while a remote fake answers (in process it completes at once).</summary>
    public Task<ServerlessSnapshot> SnapshotAsync(string? accountSid = null, CancellationToken cancellationToken = default) =>
        Account(accountSid).SnapshotAsync(cancellationToken);

    /// <summary>
    /// A per-test slice of this server with its own Account SID, derived from <paramref name="name"/> (e.g. the test's full name;
    /// the same name gives the same SID on every run) or, when null, from a counter. Tests on one server stay isolated while
    /// they run in parallel; disposing the scope forgets its account.
    /// </summary>
    public FakeServerlessScope CreateScope(string? name = null)
    {
        ObjectDisposedException.ThrowIf(_clients.IsDisposed, this);
        return _remote is null ? new FakeServerlessScope(this, _engine, _scopes, name) : new FakeServerlessScope(this, _remote, name);
    }

    /// <summary>
    /// Creates an API key owned by <paramref name="accountSid"/> (default: <see cref="AccountSid"/>). Basic
    /// <c>{key.Sid}:{key.Secret}</c> then acts on that account, and only with that exact secret; the journal names the key.
    /// </summary>
    public ApiKey CreateApiKey(string? accountSid = null) =>
        _remote?.CreateApiKey(accountSid ?? AccountSid) ?? _engine.CreateApiKey(accountSid ?? AccountSid);

    /// <summary>As <see cref="CreateApiKey"/>, without blocking a thread while a remote fake answers.</summary>
    public Task<ApiKey> CreateApiKeyAsync(string? accountSid = null, CancellationToken cancellationToken = default) =>
        _remote?.CreateApiKeyAsync(accountSid ?? AccountSid, cancellationToken) ?? Task.FromResult(CreateApiKey(accountSid));

    /// <summary>Makes the next <paramref name="count"/> builds created (in any account) end <c>failed</c> instead of <c>completed</c>.</summary>
    public void FailNextBuild(int count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        if (_remote is not null)
        {
            _remote.FailNextBuild(count);
            return;
        }

        _engine.FailNextBuild(count);
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
    /// <exception cref="NotSupportedException">The fake runs in another process (<see cref="Connect"/>): a C# delegate cannot run there.</exception>
    public void MapFunction(string path, FunctionHandler handler, string? scope)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(handler);
        if (_remote is not null)
        {
            throw new NotSupportedException(
                $"A C# function handler cannot run in a fake in another process ({_remote.BaseAddress}). Map a canned answer instead: " +
                "MapFunction(path, FunctionResponse.Text(…), scope), which is POST /_fake/functions.");
        }

        _engine.Domains.Map(Domains.FunctionScope.Parse(scope, nameof(scope)), path, handler);
    }

    /// <summary>
    /// A canned answer for a live function at <paramref name="path"/>: every request gets <paramref name="answer"/>, on every
    /// domain or only <paramref name="scope"/>'s (as <see cref="MapFunction(string, FunctionHandler, string)"/>). Unlike a handler it
    /// crosses the wire, so it works the same on a fake in another process (<c>POST /_fake/functions</c>).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="scope"/> is not an Account SID, Environment SID or domain name.</exception>
    public void MapFunction(string path, FunctionResponse answer, string? scope = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(answer);
        if (_remote is not null)
        {
            _remote.MapCannedFunction(path, answer, scope);
            return;
        }

        MapFunction(path, (_, _, _) => ValueTask.FromResult(answer), scope);
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
    public FakeServerlessState ExportState() => _remote?.ExportState() ?? _engine.Backend.Export();

    /// <summary>As <see cref="ExportState"/>, without blocking a thread while a remote fake answers.</summary>
    public Task<FakeServerlessState> ExportStateAsync(CancellationToken cancellationToken = default) =>
        _remote?.ExportStateAsync(cancellationToken) ?? Task.FromResult(ExportState());

    /// <summary>
    /// Replaces the whole state of the fake with <paramref name="state"/> (from <see cref="ExportState"/> here or on another
    /// fake). Journal, faults and function handlers stay as they are.
    /// </summary>
    /// <exception cref="ArgumentException">The state has another version or contradicts itself; nothing changes.</exception>
    /// <exception cref="InvalidOperationException">This is a remote fake scoped to one account: importing would replace every account.</exception>
    public void ImportState(FakeServerlessState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (_remote is not null)
        {
            ThrowIfScoped();
            _remote.ImportState(state);
            return;
        }

        try
        {
            _engine.Writer.ReplaceState(state);
        }
        catch (StateValidationException ex)
        {
            throw ex.ToArgumentException(); // the message names the JSON path of the first bad value
        }
    }

    /// <summary>As <see cref="ImportState"/>, without blocking a thread while a remote fake answers.</summary>
    public Task ImportStateAsync(FakeServerlessState state, CancellationToken cancellationToken = default)
    {
        if (_remote is null)
        {
            ImportState(state);
            return Task.CompletedTask;
        }

        ThrowIfScoped();
        return _remote.ImportStateAsync(state, cancellationToken);
    }

    /// <summary>
    /// Forgets all state of every account, its API keys, the journal, the faults and the function handlers; SIDs start again from
    /// the seed. A remote fake scoped to an account forgets only that account's (<c>POST /_fake/reset?AccountSid=</c>).
    /// </summary>
    public void Reset()
    {
        if (_remote is not null)
        {
            _remote.Reset(_remote.ScopeAccountSid);
            return;
        }

        _engine.Reset();
    }

    /// <summary>As <see cref="Reset()"/>, without blocking a thread while a remote fake answers.</summary>
    public Task ResetAsync(CancellationToken cancellationToken = default)
    {
        if (_remote is not null)
        {
            return _remote.ResetAsync(_remote.ScopeAccountSid, cancellationToken);
        }

        Reset();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Forgets one account (<paramref name="accountSid"/>): its state, its API keys, its journal entries, its faults and its function
    /// handlers, as disposing a <see cref="FakeServerlessScope"/> does; every other account stays.
    /// </summary>
    public void Reset(string accountSid)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountSid);
        if (_remote is not null)
        {
            _remote.Reset(accountSid);
            return;
        }

        _engine.Reset(accountSid);
    }

    private void ThrowIfScoped()
    {
        if (_remote?.ScopeAccountSid is { } scope)
        {
            throw new InvalidOperationException(
                $"This fake is scoped to account {scope}; importing a state replaces every account of it. Connect without an account to import.");
        }
    }

    /// <summary>The running add-on transport of type <typeparamref name="T"/> (e.g. the proxy), if the options added one.</summary>
    internal T? AddOn<T>()
        where T : class => _addOns.OfType<T>().FirstOrDefault();

    /// <inheritdoc />
    public void Dispose()
    {
        if (_clients.DisposeAll())
        {
            _remote?.Dispose();
            _functions?.DisposeAsync().AsTask().GetAwaiter().GetResult(); // no Node process outlives the fake
            DisposeTransports();
            _engine?.Writer.Close(); // after the transports: no request is answered once the data directory is closed
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
