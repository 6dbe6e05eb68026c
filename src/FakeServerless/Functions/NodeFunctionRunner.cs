using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using FakeServerless.Changes;
using FakeServerless.Changes.Commands;
using FakeServerless.Domains;
using FakeServerless.Messages;
using FakeServerless.State;
using Microsoft.Extensions.Logging;

namespace FakeServerless.Functions;

/// <summary>
/// Runs deployed functions in Node mode: one <see cref="FunctionHost"/> per live build per environment (and per set of
/// variables and credentials it was started with), started by the first request after a deploy. A request is forwarded to its
/// host and the answer relayed as it came (status, headers, body), after the console lines it printed are Log records.
/// Twilio's rules apply first: GET, POST and OPTIONS only, no body on a GET; the execution limit is
/// <see cref="FakeServerlessOptions.FunctionTimeout"/>. A watcher stops a host once its build is no longer live there (clear,
/// redeploy, deletion, reset, import), or after <see cref="FakeServerlessOptions.FunctionIdleTimeout"/> without requests.
/// </summary>
internal sealed class NodeFunctionRunner : ILiveFunctions, IAsyncDisposable
{
    /// <summary>Response headers of the Node side that are not the function's: hop-by-hop, our own, Express's signature.</summary>
    private static readonly HashSet<string> DroppedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "Date", "X-Powered-By", "x-fake-serverless-log-seq",
    };

    /// <summary>Request headers not forwarded: hop-by-hop ones, and ours (a client cannot pose as the fake).</summary>
    private static readonly HashSet<string> UnforwardedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Content-Length", "Expect", "Upgrade", "Proxy-Connection", "TE",
        "i-twilio-fake-request", "i-twilio-fake-function", "i-twilio-fake-ping",
    };

    private readonly NodeCache _cache;
    private readonly ServerlessBackend _backend;
    private readonly FakeServerlessOptions _options;
    private readonly StateWriter _writer;
    private readonly Func<Uri> _apiBase;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Lazy<Task<FunctionHost>>> _hosts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _runtimeNotes = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _watcher;
    private readonly Lazy<string> _runFolder = new(() => Directory.CreateTempSubdirectory("fakeserverless-functions-").FullName);
    private readonly Lock _spareGate = new();
    private FunctionHost? _spare;
    private long _folders;

    public NodeFunctionRunner(NodeCache cache, ServerlessBackend backend, StateWriter writer, FakeServerlessOptions options, Func<Uri> apiBase, ILogger logger)
    {
        _cache = cache;
        _backend = backend;
        _options = options;
        _writer = writer;
        _apiBase = apiBase;
        _logger = logger;
        IdleTimeout = options.FunctionIdleTimeout;
        _watcher = WatchAsync(_stopping.Token);
    }

    /// <summary>How long a host may go without requests (<see cref="FakeServerlessOptions.FunctionIdleTimeout"/>; the benchmark lowers it once warm).</summary>
    public TimeSpan IdleTimeout { get; set; }

    /// <summary>The process ids of the hosts running now (tests check none outlives its build).</summary>
    public IReadOnlyList<int> ProcessIds =>
        [.. _hosts.Values.Where(h => h.IsValueCreated && h.Value.IsCompletedSuccessfully).Select(h => h.Value.Result).Where(h => !h.HasExited).Select(h => h.ProcessId)];

    /// <summary>
    /// Keeps one spare Node process that has loaded the default runtime-handler and twilio-node (most of a host's start-up),
    /// so the first request after a deploy only hands it the build. Started when a build is created or a spare is taken;
    /// stopped with the fake, or after <see cref="FakeServerlessOptions.FunctionIdleTimeout"/> unused. A build on another
    /// runtime-handler version starts its own process.
    /// </summary>
    public void Prewarm()
    {
        if (_stopping.IsCancellationRequested || !_cache.HasInstalled([]))
        {
            return;
        }

        lock (_spareGate)
        {
            if (_spare is { HasExited: false })
            {
                return;
            }

            _spare = FunctionHost.Launch(_cache, DefaultRuntimeHandler);
        }
    }

    /// <summary>Runs the function at <paramref name="target"/> for <paramref name="request"/> and answers what it answered.</summary>
    public async Task<EngineResponse> InvokeAsync(EngineRequest request, DomainTarget target, CancellationToken ct)
    {
        var method = request.Method.ToUpperInvariant();
        if (method is not ("GET" or "POST" or "OPTIONS"))
        {
            var refused = EngineResponse.Text(405, $"Method Not Allowed: Twilio Functions answer GET, POST and OPTIONS, not {method}.");
            refused.Headers["Allow"] = "GET, POST, OPTIONS";
            return refused;
        }

        if (method == "GET" && request.Body.Length > 0)
        {
            return EngineResponse.Text(403, "Forbidden: a GET request to a Twilio Function cannot carry a body.");
        }

        var function = target.Function!;
        FunctionHost host;
        try
        {
            host = await HostForAsync(target, request.HostName, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NodeInstallException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("Could not start Node for build {BuildSid} on {Domain}: {Reason}", target.Build.Sid, request.HostName, ex.Message);
            await WriteLogAsync(target.Entry, function.FunctionSid, null, "error", $"The function could not be started: {ex.Message}").ConfigureAwait(false);
            return EngineResponse.Error(503, 82002, $"The function could not be started: {ex.Message}");
        }

        var requestSid = await _writer.ApplyAsync(new NextRequestSidCommand(target.Entry.AccountSid, target.Entry.ServiceSid, target.Entry.EnvironmentSid)).ConfigureAwait(false);
        using var active = host.Use();
        using var message = Forward(request, function, requestSid);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(_options.FunctionTimeout);
        try
        {
            using var answer = await host.Client.SendAsync(message, HttpCompletionOption.ResponseContentRead, limit.Token).ConfigureAwait(false);
            var body = await answer.Content.ReadAsByteArrayAsync(limit.Token).ConfigureAwait(false);
            if (answer.Headers.TryGetValues("x-fake-serverless-log-seq", out var seqs) && long.TryParse(seqs.First(), CultureInfo.InvariantCulture, out var seq))
            {
                try
                {
                    await host.WaitForLinesAsync(seq, ct).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // Its lines are late (a stalled reader): answer anyway; they are recorded when they arrive.
                }
            }

            return Relay(answer, body);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            var limitText = _options.FunctionTimeout.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
            await WriteLogAsync(target.Entry, function.FunctionSid, requestSid, "error", $"runtime application timed out: the function ran over the {limitText} ms execution limit").ConfigureAwait(false);
            _ = StopIfStuckAsync(host);
            return EngineResponse.Error(504, 82002, $"runtime application timed out: the function did not call back within {limitText} ms.");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            var exit = host.HasExited ? host.ExitCode : null;
            Forget(host);
            var reason = exit is { } code
                ? string.Create(CultureInfo.InvariantCulture, $"the function's Node process exited (exit code {code}) while answering")
                : $"the function's Node process stopped answering ({ex.Message})";
            _logger.LogWarning("Build {BuildSid} on {Domain}: {Reason}; the next request starts a new process", target.Build.Sid, request.HostName, reason);
            await WriteLogAsync(target.Entry, function.FunctionSid, requestSid, "error", reason).ConfigureAwait(false);
            return EngineResponse.Error(502, 82002, $"Error on Twilio Function response: {reason}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _watcher.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        foreach (var key in _hosts.Keys.ToList())
        {
            await StopAsync(key).ConfigureAwait(false);
        }

        FunctionHost? spare;
        lock (_spareGate)
        {
            (spare, _spare) = (_spare, null);
        }

        if (spare is not null)
        {
            await spare.DisposeAsync().ConfigureAwait(false);
        }

        if (_runFolder.IsValueCreated)
        {
            NodeCache.TryDelete(_runFolder.Value);
        }

        _stopping.Dispose();
    }

    private async Task<FunctionHost> HostForAsync(DomainTarget target, string domain, CancellationToken ct)
    {
        var key = KeyOf(target.Entry.EnvironmentSid, target.Build.Sid, domain, target.Variables, target.IncludeCredentials);
        while (true)
        {
            var lazy = _hosts.GetOrAdd(key, _ => new Lazy<Task<FunctionHost>>(() => StartAsync(target, domain)));
            FunctionHost host;
            try
            {
                host = await lazy.Value.WaitAsync(ct).ConfigureAwait(false);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                _hosts.TryRemove(new KeyValuePair<string, Lazy<Task<FunctionHost>>>(key, lazy)); // the next request tries again
                throw;
            }

            if (!host.HasExited)
            {
                return host;
            }

            // It died between requests: log it once, start a new one.
            if (_hosts.TryRemove(new KeyValuePair<string, Lazy<Task<FunctionHost>>>(key, lazy)))
            {
                _logger.LogWarning("The Node process of build {BuildSid} on {Domain} had exited (code {ExitCode}); starting a new one", target.Build.Sid, domain, host.ExitCode);
                await host.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<FunctionHost> StartAsync(DomainTarget target, string domain)
    {
        var build = target.Build;
        NoteRuntime(build.Runtime);
        var runtimeHandler = await _cache.RuntimeHandlerAsync(NodeCache.RuntimeHandlerVersionOf(build.Dependencies), _stopping.Token).ConfigureAwait(false);
        var dependencies = await _cache.DependenciesAsync(build.Dependencies, _stopping.Token).ConfigureAwait(false);
        var folder = Path.Combine(_runFolder.Value, string.Create(CultureInfo.InvariantCulture, $"{build.Sid}-{Interlocked.Increment(ref _folders)}"));
        var (functions, assets) = BuildFolder.Write(folder, build, dependencies);
        var env = new Dictionary<string, string>(target.Variables, StringComparer.Ordinal)
        {
            ["SERVICE_SID"] = target.Entry.ServiceSid,
            ["ENVIRONMENT_SID"] = target.Entry.EnvironmentSid,
        };
        if (target.IncludeCredentials)
        {
            env["ACCOUNT_SID"] = target.Entry.AccountSid;
            env["AUTH_TOKEN"] = _options.AuthToken; // every account of the fake takes the configured token
        }

        var configuration = new Dictionary<string, object?>
        {
            ["runtimeHandler"] = runtimeHandler,
            ["baseDir"] = folder,
            ["url"] = "https://" + domain,
            ["env"] = env,
            ["apiBase"] = _apiBase().ToString(),
            ["functions"] = functions,
            ["assets"] = assets,
        };
        var entry = target.Entry;
        try
        {
            var host = TakeSpare(runtimeHandler) ?? FunctionHost.Launch(_cache, preload: null);
            await host.ConfigureAsync(
                folder,
                configuration,
                lines => WriteLogs(entry, lines),
                line => _logger.LogDebug("Node {BuildSid}: {Line}", build.Sid, line),
                _stopping.Token).ConfigureAwait(false);
            Prewarm();
            return host;
        }
        catch
        {
            NodeCache.TryDelete(folder);
            throw;
        }
    }

    private string DefaultRuntimeHandler =>
        Path.Combine(_cache.Root, "runtime-handler", NodeCache.DefaultRuntimeHandlerVersion, "node_modules", "@twilio", "runtime-handler");

    private FunctionHost? TakeSpare(string runtimeHandler)
    {
        lock (_spareGate)
        {
            if (_spare is { HasExited: false } spare && string.Equals(Path.GetFullPath(spare.Preloaded!), Path.GetFullPath(runtimeHandler), StringComparison.Ordinal))
            {
                _spare = null;
                return spare;
            }

            return null;
        }
    }

    private static HttpRequestMessage Forward(EngineRequest request, FunctionVersionRecord function, string requestSid)
    {
        var target = new StringBuilder(request.Path.Length + request.Query.Length + 1).Append(request.Path.Length == 0 ? "/" : request.Path);
        if (request.Query.Length > 0)
        {
            target.Append(request.Query.StartsWith('?') ? request.Query : "?" + request.Query);
        }

        var message = new HttpRequestMessage(new HttpMethod(request.Method.ToUpperInvariant()), target.ToString());
        if (request.Body.Length > 0)
        {
            message.Content = new ByteArrayContent(request.Body);
        }

        foreach (var (name, value) in request.Headers)
        {
            if (UnforwardedHeaders.Contains(name))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (message.Content is not null && request.ContentType is { } contentType && message.Content.Headers.ContentType is null)
        {
            message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        message.Headers.Host = request.HostName;
        message.Headers.TryAddWithoutValidation("i-twilio-fake-request", requestSid);
        message.Headers.TryAddWithoutValidation("i-twilio-fake-function", function.FunctionSid);
        return message;
    }

    private static EngineResponse Relay(HttpResponseMessage answer, byte[] body)
    {
        var response = new EngineResponse { Status = (int)answer.StatusCode, Body = body, ContentType = answer.Content.Headers.ContentType?.ToString() };
        Copy(answer.Headers);
        Copy(answer.Content.Headers);
        return response;

        void Copy(HttpHeaders headers)
        {
            foreach (var (name, values) in headers.NonValidated)
            {
                if (!DroppedHeaders.Contains(name) && !string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
                {
                    response.Headers[name] = string.Join(", ", values);
                }
            }
        }
    }

    /// <summary>A line the fake writes about an invocation (it could not start, it timed out), waiting for the write path without blocking.</summary>
    private async Task WriteLogAsync(DomainEntry entry, string? functionSid, string? requestSid, string level, string message)
    {
        try
        {
            await _writer.ApplyAsync(new WriteNodeLogsCommand(
                entry.AccountSid, entry.ServiceSid, entry.EnvironmentSid, [new FunctionLogLine(level, message, functionSid, requestSid)])).ConfigureAwait(false);
        }
        catch (ServerlessException ex) when (ex.Status == 503)
        {
            _logger.LogWarning("A function log line was dropped: {Reason}", ex.Message);
        }
    }

    /// <summary>
    /// What a function printed, from the host's output reader (not a request path), through the write path (logged in durable
    /// mode); lines durable mode cannot write are dropped (its health says why), as a C# handler's are.
    /// </summary>
    private void WriteLogs(DomainEntry entry, IReadOnlyList<FunctionLogLine> lines)
    {
        if (lines.Count == 0)
        {
            return;
        }

        try
        {
            _writer.Apply(new WriteNodeLogsCommand(entry.AccountSid, entry.ServiceSid, entry.EnvironmentSid, lines));
        }
        catch (InvalidOperationException ex)
        {
            _logger.LogWarning("Function log lines were dropped: {Reason}", ex.Message);
        }
    }

    /// <summary>After a timeout: a host whose event loop does not answer a ping within a second is stopped (a loop that never yields).</summary>
    private async Task StopIfStuckAsync(FunctionHost host)
    {
        if (!await host.PingAsync(TimeSpan.FromSeconds(1)).ConfigureAwait(false))
        {
            _logger.LogWarning("A Node process (pid {Pid}) stopped answering after a timeout; it is stopped and the next request starts a new one", host.ProcessId);
            Forget(host);
        }
    }

    private void Forget(FunctionHost host)
    {
        foreach (var (key, lazy) in _hosts)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully && ReferenceEquals(lazy.Value.Result, host))
            {
                _ = StopAsync(key);
            }
        }
    }

    private async Task StopAsync(string key)
    {
        if (_hosts.TryRemove(key, out var lazy) && lazy.IsValueCreated)
        {
            try
            {
                await (await lazy.Value.ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // It never started: nothing to stop.
            }
        }
    }

    /// <summary>Stops hosts whose build is no longer live where they serve it, and idle ones; checks four times a second.</summary>
    private async Task WatchAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
        {
            if (_hosts.IsEmpty)
            {
                await RetireSpareAsync().ConfigureAwait(false);
                continue;
            }

            try
            {
                // Each tick while hosts run: a host whose build is no longer live (redeployed, variables changed, deleted) stops.
                var live = _backend.LiveBuilds()
                    .Select(b => KeyOf(b.Entry.EnvironmentSid, b.Build.Sid, b.DomainName, b.Variables, b.IncludeCredentials))
                    .ToHashSet(StringComparer.Ordinal);
                foreach (var key in _hosts.Keys.Where(k => !live.Contains(k)).ToList())
                {
                    await StopAsync(key).ConfigureAwait(false);
                }

                foreach (var (key, lazy) in _hosts)
                {
                    if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully && lazy.Value.Result.IdleFor > IdleTimeout)
                    {
                        await StopAsync(key).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                _logger.LogWarning(ex, "Checking the Node processes failed");
            }
        }
    }

    /// <summary>A spare unused for the idle timeout while no build runs is stopped (the next build creation starts another).</summary>
    private async Task RetireSpareAsync()
    {
        FunctionHost? retired = null;
        lock (_spareGate)
        {
            if (_spare is { } spare && Stopwatch.GetElapsedTime(spare.LaunchedAt) > IdleTimeout)
            {
                (retired, _spare) = (spare, null);
            }
        }

        if (retired is not null)
        {
            await retired.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Says once per runtime that Node mode runs a build on the Node it has, whatever the build asked for.</summary>
    private void NoteRuntime(string runtime)
    {
        var major = _cache.Node.Version.Major.ToString(CultureInfo.InvariantCulture);
        if (runtime != "node" + major && _runtimeNotes.TryAdd(runtime, 0))
        {
            _logger.LogWarning("Builds with Runtime {Runtime} run on {Node}: Node mode uses the Node.js it was given, whatever the build's runtime", runtime, _cache.Node);
        }
    }

    /// <summary>Which host serves a request: environment, build, and everything its functions see that could change.</summary>
    private static string KeyOf(string environmentSid, string buildSid, string domain, IReadOnlyDictionary<string, string> variables, bool includeCredentials)
    {
        var seen = new StringBuilder().Append(domain.ToLowerInvariant()).Append('\n').Append(includeCredentials ? '1' : '0');
        foreach (var (name, value) in variables.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            seen.Append('\n').Append(name).Append('=').Append(value.Replace("\n", "\\n", StringComparison.Ordinal));
        }

        return $"{environmentSid}/{buildSid}/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seen.ToString())))[..16]}";
    }
}
