using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FakeServerless.State;

namespace FakeServerless.Functions;

/// <summary>
/// One Node process serving one live build of one environment (our <c>function-host.js</c> around Twilio's
/// <c>LocalDevelopmentServer</c>) on a loopback port. It reads the process's stdout for its ready line and the functions'
/// console lines, which it hands to <see cref="LogSink"/> in order, and lets a caller wait until the lines a response counted
/// have been handed over. The process exits by itself when its stdin closes, so it never outlives the fake, even after SIGKILL.
/// </summary>
internal sealed class FunctionHost : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _marker;
    private readonly TaskCompletionSource<int> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly List<(long Seq, TaskCompletionSource Done)> _waiters = [];
    private Action<string> _diagnostic = static _ => { };
    private long _linesSeen;
    private int _active;
    private long _lastUsed = Stopwatch.GetTimestamp();
    private int _disposed;

    private FunctionHost(Process process, string marker, string? preloaded)
    {
        _process = process;
        _marker = marker;
        Preloaded = preloaded;
    }

    /// <summary>The runtime-handler folder a spare host loaded before it was configured; null when started for a build.</summary>
    public string? Preloaded { get; }

    /// <summary>The materialised build this process serves (deleted when it stops).</summary>
    public string Folder { get; private set; } = string.Empty;

    /// <summary>Receives the console lines of the functions, in the order they were printed.</summary>
    public Action<IReadOnlyList<FunctionLogLine>> LogSink { get; private set; } = static _ => { };

    /// <summary>When the process was started (a spare that waits too long is stopped).</summary>
    public long LaunchedAt { get; } = Stopwatch.GetTimestamp();

    public int ProcessId => _process.Id;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    public int? ExitCode => HasExited ? SafeExitCode() : null;

    /// <summary>Requests being answered now.</summary>
    public int Active => Volatile.Read(ref _active);

    public TimeSpan IdleFor => Active > 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    /// <summary>Starts <c>node function-host.js</c>, sends it <paramref name="configuration"/> and waits for its port.</summary>
    public static async Task<FunctionHost> StartAsync(
        NodeCache cache, string folder, Dictionary<string, object?> configuration, Action<IReadOnlyList<FunctionLogLine>> logSink, Action<string> diagnostic, CancellationToken ct)
    {
        var host = Launch(cache, preload: null);
        await host.ConfigureAsync(folder, configuration, logSink, diagnostic, ct).ConfigureAwait(false);
        return host;
    }

    /// <summary>
    /// Starts <c>node function-host.js</c> without a build; with <paramref name="preload"/> (a runtime-handler folder) it loads the
    /// runtime and twilio-node at once, so <see cref="ConfigureAsync"/> later serves a build in milliseconds (a spare host).
    /// </summary>
    public static FunctionHost Launch(NodeCache cache, string? preload)
    {
        // A marker no function can guess starts our protocol lines, so a function writing to process.stdout cannot forge one.
        var marker = "@fake-serverless:" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var start = new ProcessStartInfo(cache.Node.Executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(cache.HostScript);
        foreach (var name in new[] { "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "NODE_OPTIONS", "DEBUG" })
        {
            start.Environment.Remove(name); // twilio-node reaches the fake directly; no debugger or preload of the fake's own environment
        }

        start.Environment["NODE_ENV"] = "production";
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {cache.Node.Executable}.");
        var host = new FunctionHost(process, marker, preload);
        _ = host.ReadOutputAsync();
        _ = host.ReadErrorsAsync();
        if (preload is not null)
        {
            try
            {
                process.StandardInput.WriteLine(JsonSerializer.Serialize(new Dictionary<string, string> { ["preload"] = preload }));
                process.StandardInput.Flush();
            }
            catch (IOException)
            {
                // It died at once: configuring it fails and says so.
            }
        }

        return host;
    }

    /// <summary>Sends the build's <paramref name="configuration"/> and waits for the host's port.</summary>
    public async Task ConfigureAsync(
        string folder, Dictionary<string, object?> configuration, Action<IReadOnlyList<FunctionLogLine>> logSink, Action<string> diagnostic, CancellationToken ct)
    {
        Folder = folder;
        LogSink = logSink;
        _diagnostic = diagnostic;
        configuration["marker"] = _marker;
        try
        {
            await _process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(configuration)).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(ct).ConfigureAwait(false); // stdin stays open: closing it stops the host
            var exited = _process.WaitForExitAsync(ct);
            var ready = await Task.WhenAny(_ready.Task, exited).WaitAsync(StartTimeout, ct).ConfigureAwait(false);
            if (ready != _ready.Task)
            {
                await _ready.Task.WaitAsync(TimeSpan.FromSeconds(2), ct).ConfigureAwait(false); // the fatal line, if it was still being read
            }

            var port = await _ready.Task.ConfigureAwait(false);
            BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
            Client = new HttpClient(new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
                AutomaticDecompression = System.Net.DecompressionMethods.None,
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            })
            { BaseAddress = BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        }
        catch (Exception ex)
        {
            var exit = SafeExitCode();
            await DisposeAsync().ConfigureAwait(false);
            if (ex is OperationCanceledException && ct.IsCancellationRequested)
            {
                throw;
            }

            throw new InvalidOperationException(ex is TimeoutException
                ? $"The Node host did not start within {StartTimeout.TotalSeconds:0} s."
                : $"The Node host stopped while starting (exit code {exit?.ToString(CultureInfo.InvariantCulture) ?? "?"}): {ex.Message}", ex);
        }
    }

    /// <summary>Marks a request in flight (the idle clock stops) until the returned scope is disposed.</summary>
    public ActiveScope Use()
    {
        Interlocked.Increment(ref _active);
        Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
        return new ActiveScope(this);
    }

    /// <summary>Waits until the first <paramref name="seq"/> log lines have been handed to <see cref="LogSink"/> (or the process ended).</summary>
    public Task WaitForLinesAsync(long seq, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_linesSeen >= seq || HasExited)
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((seq, done));
            return done.Task.WaitAsync(TimeSpan.FromSeconds(5), ct);
        }
    }

    /// <summary>Whether the process still answers (a function stuck in a loop blocks its whole event loop).</summary>
    public async Task<bool> PingAsync(TimeSpan timeout)
    {
        if (HasExited)
        {
            return false;
        }

        try
        {
            using var limit = new CancellationTokenSource(timeout);
            using var ping = new HttpRequestMessage(HttpMethod.Get, "/");
            ping.Headers.TryAddWithoutValidation("i-twilio-fake-ping", "1");
            using var answer = await Client.SendAsync(ping, limit.Token).ConfigureAwait(false);
            return (int)answer.StatusCode == 204;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Client?.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or it will be when its stdin closes below.
        }

        _process.Dispose();
        ReleaseWaiters();
        if (Folder.Length > 0)
        {
            NodeCache.TryDelete(Folder);
        }
    }

    private async Task ReadOutputAsync()
    {
        var reader = _process.StandardOutput;
        var batch = new List<FunctionLogLine>();
        try
        {
            while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                Handle(line, batch);
                if (batch.Count > 0)
                {
                    Flush(batch);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process went away.
        }

        Flush(batch);
        _ready.TrySetException(new InvalidOperationException("the process exited before it was ready"));
        ReleaseWaiters();
    }

    private void Handle(string line, List<FunctionLogLine> batch)
    {
        if (!line.StartsWith(_marker, StringComparison.Ordinal) || line.Length <= _marker.Length + 1)
        {
            _diagnostic($"stdout: {line}");
            return;
        }

        using var message = JsonDocument.Parse(line.AsMemory(_marker.Length + 1));
        var root = message.RootElement;
        if (root.TryGetProperty("log", out var log))
        {
            batch.Add(new FunctionLogLine(
                Text(log, "level") ?? "info",
                Text(log, "message") ?? string.Empty,
                Text(log, "fn"),
                Text(log, "rq")));
        }
        else if (root.TryGetProperty("ready", out var ready))
        {
            _ready.TrySetResult(ready.GetInt32());
        }
        else if (root.TryGetProperty("fatal", out var fatal))
        {
            _ready.TrySetException(new InvalidOperationException(fatal.GetString()));
        }
    }

    private void Flush(List<FunctionLogLine> batch)
    {
        if (batch.Count > 0)
        {
            try
            {
                LogSink([.. batch]);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _diagnostic($"could not record log lines: {ex.Message}");
            }
        }

        lock (_gate)
        {
            _linesSeen += batch.Count;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Seq <= _linesSeen)
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }

        batch.Clear();
    }

    private async Task ReadErrorsAsync()
    {
        try
        {
            while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                _diagnostic($"stderr: {line}");
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process went away.
        }
    }

    private void ReleaseWaiters()
    {
        lock (_gate)
        {
            foreach (var (_, done) in _waiters)
            {
                done.TrySetResult();
            }

            _waiters.Clear();
        }
    }

    private int? SafeExitCode()
    {
        try
        {
            return _process.HasExited ? _process.ExitCode : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A request in flight on the host.</summary>
    public readonly struct ActiveScope(FunctionHost host) : IDisposable
    {
        public void Dispose()
        {
            Interlocked.Exchange(ref host._lastUsed, Stopwatch.GetTimestamp());
            Interlocked.Decrement(ref host._active);
        }
    }
}
