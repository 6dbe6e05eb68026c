using System.Diagnostics;
using System.Globalization;
using System.Text;
using FakeServerless.Changes;
using FakeServerless.Clock;
using FakeServerless.Domains;
using FakeServerless.Messages;
using FakeServerless.Operations;
using FakeServerless.Persistence;
using FakeServerless.Routing;
using FakeServerless.State;
using FakeServerless.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FakeServerless.Engine;

/// <summary>
/// The transport-neutral fake: authenticates, applies faults, routes through the one <see cref="RouteTable"/>, runs the
/// handler (which calls the <see cref="ServerlessBackend"/>), and journals the answer. WireMock and the in-memory handler both call
/// <see cref="HandleAsync"/>.
/// </summary>
internal sealed class ServerlessEngine
{
    private const string UploadHostPrefix = "serverless-upload.";

    /// <summary>The journal's <see cref="JournalEntry.Fault"/> note for a request whose client went away before the answer.</summary>
    internal const string CancelledNote = "cancelled: the client went away";

    // The table holds only templates and static handlers and is read-only once built: every engine shares one, so a fresh fake
    // does not build it again.
    private static readonly RouteTable SharedRoutes = CreateRoutes();

    private readonly FakeServerlessOptions _options;
    private readonly ILogger _logger;
    private readonly Func<string, ApiKey> _createApiKey; // a Command route's key: a logged command (one delegate, not one per request)

    // The last Authorization header that named an account with its Account SID (not an API key), and that account: clients
    // send the same header on every request, so the Base64 decode and checks run once. Depends only on the header and the
    // options, which the engine never sees change.
    private volatile AuthorizedHeader? _lastAuthorized;
    private volatile LastUrls? _lastUrls;
    private ResourceUrls? _publicUrls;

    /// <param name="options">
    /// The fake's settings (its private copy). In durable mode (<see cref="FakeServerlessOptions.StateLog"/>) the data directory
    /// is opened and recovered here, before anything is answered; its seed and a pinnable clock replace the options' own.
    /// </param>
    /// <param name="control">
    /// Builds the control API over this engine (null: none), once every part it reaches exists: the engine is built with its
    /// control handler, which no one can swap afterwards.
    /// </param>
    public ServerlessEngine(FakeServerlessOptions options, Func<ServerlessEngine, IControlHandler>? control = null)
    {
        Options = options;
        _options = options;
        _logger = options.LoggerFactory?.CreateLogger("FakeServerless") ?? NullLogger.Instance;
        var log = options.StateLog?.Open(options.Seed, _logger);
        try
        {
            if (log is not null)
            {
                options.Seed = log.Seed; // the directory's: replayed SIDs come out the same (before the backend draws any)
                options.TimeProvider = new PinnedClock(options.TimeProvider); // the write path pins "now" for each change
            }

            Backend = new ServerlessBackend(options.ToStateSettings());
            Routes = SharedRoutes;
            Writer = new StateWriter(Backend, log, ReplayApi, _logger);
            _createApiKey = accountSid => Writer.Apply(new Changes.Commands.CreateApiKeyCommand(accountSid));
            Journal = new RequestJournal(options.JournalCapacity);
            Faults = new FaultInjector(options.TimeProvider);
            Domains = new DomainServer(Backend, Writer);
            Writer.Recover();
            Control = control?.Invoke(this);
        }
        catch
        {
            log?.Dispose();
            throw;
        }
    }

    /// <summary>The only owner of state.</summary>
    public ServerlessBackend Backend { get; }

    /// <summary>The one way state changes (and, in durable mode, is logged before it does).</summary>
    public StateWriter Writer { get; }

    public FakeServerlessOptions Options { get; }

    public RequestJournal Journal { get; }

    public FaultInjector Faults { get; }

    public DomainServer Domains { get; }

    public RouteTable Routes { get; }

    /// <summary>The control API under <c>/_fake/</c>, when <see cref="FakeServerlessOptions.EnableControlApi"/> is on; it bypasses auth, faults and the journal.</summary>
    public IControlHandler? Control { get; }

    /// <summary>
    /// The most body bytes one request may send: the control API's own limits for a control request (when it is on), else
    /// <see cref="FakeServerlessOptions.MaxUploadBodyBytes"/> for <c>multipart/form-data</c> and
    /// <see cref="FakeServerlessOptions.MaxFormBodyBytes"/> for any other.
    /// </summary>
    public long MaxBodyBytes(string method, string path, ReadOnlySpan<char> hostName, string? contentType, string? authorization) =>
        Control?.MaxBodyBytes(method, path, hostName, authorization) ?? BodyLimit.For(contentType, _options.MaxFormBodyBytes, _options.MaxUploadBodyBytes);

    /// <summary>The clock the options were given (durable mode's pinning wrapper taken off).</summary>
    public TimeProvider Clock => PinnedClock.Unwrap(Options.TimeProvider);

    /// <summary>The state of <paramref name="accountSid"/>, for reading and seeding from C# (and the control API).</summary>
    public FakeServerlessAccount Account(string accountSid) => new(Backend, Writer, accountSid);

    /// <summary>Creates an API key owned by <paramref name="accountSid"/> (a logged command in durable mode).</summary>
    public ApiKey CreateApiKey(string accountSid) => _createApiKey(accountSid);

    /// <summary>Forgets all state of every account, its API keys, the journal, the faults and the function handlers.</summary>
    public void Reset()
    {
        Writer.Apply(new Changes.Commands.ResetCommand());
        Journal.Clear();
        Faults.Clear();
        Domains.ClearHandlers();
    }

    /// <summary>Forgets one account: its state, its API keys, its journal entries, its faults and its function handlers.</summary>
    public void Reset(string accountSid)
    {
        Domains.ForgetHandlersOf(accountSid); // before the state: its environments and domains still name their owner
        Writer.Apply(new Changes.Commands.ForgetAccountCommand(accountSid));
        Faults.RemoveRulesOf(accountSid);
        Journal.Forget(accountSid);
    }

    /// <summary>Makes the next <paramref name="count"/> builds created (in any account) end <c>failed</c>.</summary>
    public void FailNextBuild(int count) => Writer.Apply(new Changes.Commands.FailNextBuildsCommand(count));

    public static RouteTable CreateRoutes()
    {
        var routes = new RouteTable();
        ServiceOperations.Register(routes);
        EnvironmentOperations.Register(routes);
        VariableOperations.Register(routes);
        DeploymentOperations.Register(routes);
        LogOperations.Register(routes);
        CodeOperations.RegisterFunctions(routes);
        CodeOperations.RegisterAssets(routes);
        BuildOperations.Register(routes);
        AccountOperations.Register(routes);
        return routes;
    }

    public async Task<EngineResponse> HandleAsync(EngineRequest request, CancellationToken ct = default)
    {
        if (Control is { } control && control.Handles(request))
        {
            return await control.HandleAsync(request, ct).ConfigureAwait(false);
        }

        var started = Stopwatch.GetTimestamp();
        var timestamp = _options.TimeProvider.GetUtcNow();
        var path = DecodePath(request.Path);
        string? accountSid = null;
        string? apiKeySid = null;
        var operation = RequestJournal.UnmatchedOperation;
        string? fault = null;
        var parameters = new FormData();
        FormParser.ParseUrlEncoded(request.Query, parameters);
        EngineResponse response;
        var cancelled = false;

        try
        {

            if (DomainServer.IsDomainHost(request.HostNameSpan))
            {
                operation = ServerlessOperation.ServeDomain;
                response = await Domains.ServeAsync(request, path, parameters, ct).ConfigureAwait(false);
            }
            else
            {
                var match = Routes.Match(request.Method, request.Path);
                operation = match.Route?.Operation ?? RequestJournal.UnmatchedOperation;
                (accountSid, apiKeySid) = Authenticate(request);
                if (accountSid is null)
                {
                    response = Unauthorized();
                }
                else
                {
                    var decision = Faults.Decide(operation, accountSid);
                    fault = decision?.Description;
                    if (decision is { Latency: var latency } && latency > TimeSpan.Zero)
                    {
                        await DelayAtLeastAsync(latency, ct).ConfigureAwait(false);
                    }

                    response = decision?.Answer is { } answer
                        ? await FaultAnswerAsync(answer, request, parameters).ConfigureAwait(false)
                        : await DispatchAsync(request, match, accountSid, path, parameters).ConfigureAwait(false);
                }
            }
        }
        catch (ServerlessException ex)
        {
            response = ErrorFor(ex, path);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away (e.g. during injected latency): journal it as dropped, then stop.
            cancelled = true;
            fault = (fault is null ? string.Empty : fault + "; ") + CancelledNote;
            response = new EngineResponse { Status = 0, DropConnection = true };
        }
        catch (Exception ex)
        {
            // A safety net: a bug must still answer in Twilio's shape, never with a transport's default page.
            _logger.LogError(ex, "Unexpected error answering {Method} {Path}", LogText.Escape(request.Method), LogText.Truncate(LogText.Escape(path)));
            response = EngineResponse.Error(500, 20500, "Internal Server Error: the fake failed unexpectedly; see its log.");
        }

        var recorded = Record(request, response, started, timestamp, path, accountSid, apiKeySid, operation, parameters, fault);
        return cancelled ? throw new OperationCanceledException(ct) : recorded;
    }

    /// <summary>
    /// Journals and logs an answer a transport decided before the engine could run (a body over the size limit, an unusable Host,
    /// a body sent too slowly), so every answer the fake sends shows in the journal and the log.
    /// </summary>
    public EngineResponse Reject(EngineRequest request, EngineResponse response)
    {
        var parameters = new FormData();
        FormParser.ParseUrlEncoded(request.Query, parameters);
        var operation = Routes.Match(request.Method, request.Path).Route?.Operation ?? RequestJournal.UnmatchedOperation;
        return Record(request, response, Stopwatch.GetTimestamp(), _options.TimeProvider.GetUtcNow(), DecodePath(request.Path), null, null, operation, parameters, null);
    }

    private EngineResponse Record(
        EngineRequest request, EngineResponse response, long started, DateTimeOffset timestamp, string path, string? accountSid, string? apiKeySid, string operation, FormData parameters, string? fault)
    {
        var sequence = Journal.NextSequence();
        response.Headers["Twilio-Request-Id"] = RequestId(sequence);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var entry = new JournalEntry
        {
            Timestamp = timestamp,
            AccountSid = accountSid,
            ApiKeySid = apiKeySid,
            Operation = operation,
            Method = LogText.Escape(request.Method.ToUpperInvariant()),
            Host = LogText.Truncate(LogText.Escape(request.Host)),
            Path = LogText.Truncate(LogText.Escape(path)),
            Parameters = parameters.ToSnapshot(),
            StatusCode = response.DropConnection ? 0 : response.Status,
            ErrorCode = response.ErrorCode,
            Duration = elapsed,
            Transport = request.Transport,
            Fault = fault,
        };
        Journal.Add(entry, sequence);
        if (_logger.IsEnabled(LogLevel.Information))
        {
            LogAnswer(entry, response, elapsed);
        }

        return response;
    }

    /// <summary>
    /// Makes a logged API request again (durable mode's start-up, with the clock pinned to its time): no authentication, faults or
    /// journal, as when it was first answered it had passed those. A request that was refused then is refused the same way now.
    /// False when it matches no write route.
    /// </summary>
    private bool ReplayApi(LoggedChange row)
    {
        var request = row.Request;
        var match = Routes.Match(request.Method, request.Path);
        if (match.Route is not { Effect: RouteEffect.Write or RouteEffect.Poll } route)
        {
            return false;
        }

        var parameters = new FormData();
        FormParser.ParseUrlEncoded(request.Query, parameters);
        try
        {
            FormParser.ParseBodyInMemory(request.ContentType, request.Body, parameters);
            route.Handler(new RouteContext(Backend, row.AccountSid ?? string.Empty, request, match.Values, parameters, UrlsFor(request), DecodePath(request.Path), mayChange: true));
        }
        catch (ServerlessException)
        {
            // Refused when it was answered: only what it changed before failing matters.
        }

        return true;
    }

    // Kept apart from Record so its boxing and params array are paid only when the log is on.
    private void LogAnswer(JournalEntry entry, EngineResponse response, TimeSpan elapsed) =>
        _logger.LogInformation("{Method} {Path} {Status} {Milliseconds:0}ms", entry.Method, entry.Path, response.DropConnection ? "dropped" : response.Status, elapsed.TotalMilliseconds);

    private async Task<EngineResponse> DispatchAsync(EngineRequest request, RouteMatch match, string accountSid, string path, FormData parameters)
    {
        if (match.Route is null)
        {
            if (match.MethodNotAllowed)
            {
                var notAllowed = EngineResponse.Error(405, 20004, $"Method {request.Method.ToUpperInvariant()} is not allowed on {StripVersion(path)}");
                notAllowed.Headers["Allow"] = string.Join(", ", match.AllowedMethods.Distinct());
                return notAllowed;
            }

            throw ServerlessException.NotFound();
        }

        var route = match.Route;
        await FormParser.ParseBodyAsync(request.ContentType, request.Body, parameters).ConfigureAwait(false); // before the write path's gate
        var urls = UrlsFor(request);
        if (route.Effect == RouteEffect.Read || !Writer.IsDurable)
        {
            // A read; or in memory, where a change is simply made (a poll moves its build on) and nothing is logged.
            return route.Handler(new RouteContext(Backend, accountSid, request, match.Values, parameters, urls, path, mayChange: route.Effect != RouteEffect.Read, _createApiKey));
        }

        return await ChangeAsync(route, request, match.Values, accountSid, parameters, urls, path).ConfigureAwait(false);
    }

    /// <summary>
    /// Durable mode: a write goes down the write path (logged, then made). A poll is first answered as a read; when it finds it
    /// would move a build on (before changing anything), it is made on the write path like any other change. A command route runs
    /// holding the gate, and each command it applies is logged (not the request).
    /// </summary>
    private async ValueTask<EngineResponse> ChangeAsync(
        Route route, EngineRequest request, IReadOnlyDictionary<string, string> values, string accountSid, FormData parameters, ResourceUrls urls, string path)
    {
        if (route.Effect == RouteEffect.Poll)
        {
            try
            {
                return route.Handler(new RouteContext(Backend, accountSid, request, values, parameters, urls, path, mayChange: false));
            }
            catch (StateChangeNeededException)
            {
                // It would move a build on: make it as a write, below.
            }
        }

        var context = new RouteContext(Backend, accountSid, request, values, parameters, urls, path, mayChange: true, _createApiKey);
        if (route.Effect == RouteEffect.Command)
        {
            return await Writer.HoldAsync(() => route.Handler(context)).ConfigureAwait(false);
        }

        return await Writer.WriteAsync(request, accountSid, () => route.Handler(context)).ConfigureAwait(false);
    }

    /// <summary><c>RQ</c> and the counter as 32 hex digits, in one allocation.</summary>
    private static string RequestId(long counter) =>
        string.Create(34, counter, static (chars, value) =>
        {
            chars[0] = 'R';
            chars[1] = 'Q';
            value.TryFormat(chars[2..], out _, "x32", CultureInfo.InvariantCulture);
        });

    /// <summary>Waits at least <paramref name="latency"/> of wall-clock time (timers may fire up to a tick early).</summary>
    private static async Task DelayAtLeastAsync(TimeSpan latency, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(latency, TimeProvider.System, ct).ConfigureAwait(false);
        while (Stopwatch.GetElapsedTime(started) is var waited && waited < latency)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, (latency - waited).TotalMilliseconds)), TimeProvider.System, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The URL base of the answer; the last one is kept, as a client sends every request to the same host.</summary>
    private ResourceUrls UrlsFor(EngineRequest request)
    {
        if (_options.PublicBaseUrl is { } publicBase)
        {
            return _publicUrls ??= new ResourceUrls(publicBase.GetLeftPart(UriPartial.Authority));
        }

        if (_lastUrls is { } last && string.Equals(last.Scheme, request.Scheme, StringComparison.Ordinal) && string.Equals(last.Host, request.Host, StringComparison.Ordinal))
        {
            return last.Urls;
        }

        var urls = new ResourceUrls($"{request.Scheme}://{ApiHost(request.Host)}");
        _lastUrls = new LastUrls(request.Scheme, request.Host, urls);
        return urls;
    }

    /// <summary>Representations never name the upload host: a version uploaded to serverless-upload.… links to serverless.….</summary>
    private static string ApiHost(string host) =>
        host.StartsWith(UploadHostPrefix, StringComparison.OrdinalIgnoreCase) ? "serverless." + host[UploadHostPrefix.Length..] : host;

    /// <summary>The account a request acts on (null: 401) and the API key it used, if any.</summary>
    private (string? AccountSid, string? ApiKeySid) Authenticate(EngineRequest request)
    {
        var header = request.Header("Authorization");
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return default;
        }

        if (_lastAuthorized is { } last && string.Equals(last.Header, header, StringComparison.Ordinal))
        {
            return (last.AccountSid, null);
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return default;
        }

        var colon = decoded.IndexOf(':');
        if (colon <= 0)
        {
            return default;
        }

        var user = decoded[..colon];
        var password = decoded[(colon + 1)..];
        if (user.StartsWith(ApiKeyStore.Prefix, StringComparison.Ordinal))
        {
            var owner = Backend.ResolveApiKey(user, password);
            return owner is null ? default : (owner, user);
        }

        var accepted = _options.RequireExactCredentials
            ? user == _options.AccountSid && password == _options.AuthToken
            : SidPrefix.IsSid(user, SidPrefix.Account) && password.Length > 0;
        if (!accepted)
        {
            return default;
        }

        _lastAuthorized = new AuthorizedHeader(header, user);
        return (user, null);
    }

    private sealed record AuthorizedHeader(string Header, string AccountSid);

    private sealed record LastUrls(string Scheme, string Host, ResourceUrls Urls);

    private static EngineResponse Unauthorized()
    {
        var response = EngineResponse.Error(401, 20003, "Authenticate");
        response.Headers["WWW-Authenticate"] = "Basic realm=\"Twilio API\"";
        return response;
    }

    /// <summary>
    /// A faulted request never reaches its handler, but its journal entry still shows the parameters it sent (a retry test
    /// compares what each attempt carried). A body that does not parse leaves the fault as the answer all the same.
    /// </summary>
    private static async Task<EngineResponse> FaultAnswerAsync(FaultRule rule, EngineRequest request, FormData parameters)
    {
        try
        {
            await FormParser.ParseBodyAsync(request.ContentType, request.Body, parameters).ConfigureAwait(false);
        }
        catch (ServerlessException)
        {
            // Malformed: the journal keeps what parsed before it; the answer is the fault's.
        }

        return FaultResponse(rule);
    }

    private static EngineResponse FaultResponse(FaultRule rule)
    {
        if (rule.Drop)
        {
            return new EngineResponse { Status = 0, DropConnection = true };
        }

        var response = EngineResponse.Error(rule.Status!.Value, rule.Code!.Value, rule.Message!);
        if (rule.RetryAfter is { } retryAfter)
        {
            response.Headers["Retry-After"] = Math.Max(0, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return response;
    }

    private static EngineResponse ErrorFor(ServerlessException ex, string path) =>
        ex.Status == 404
            ? EngineResponse.Error(404, ex.Code, $"The requested resource {ex.ResourcePath ?? StripVersion(path)} was not found")
            : EngineResponse.Error(ex.Status, ex.Code, ex.Message);

    private static string StripVersion(string path) =>
        path.StartsWith("/v1/", StringComparison.OrdinalIgnoreCase) ? path[3..] : path;

    /// <summary>Percent-decodes the path (invalid escapes are kept as they are).</summary>
    private static string DecodePath(string path) => Uri.UnescapeDataString(string.IsNullOrEmpty(path) ? "/" : path);
}
