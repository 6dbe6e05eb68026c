using System.Globalization;
using FakeServerless.Engine;
using FakeServerless.Transports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FakeServerless.Functions;

/// <summary>
/// Node mode of one fake (<see cref="FunctionRuntime.Node"/>): the Node.js found at start, the npm cache, the build step
/// (<see cref="BuildPreparer"/>) and the function processes (<see cref="NodeFunctionRunner"/>), hooked into the backend and the
/// domain server. In memory it also opens a loopback port, so <c>context.getTwilioClient()</c> has somewhere to reach the fake.
/// </summary>
internal sealed class NodeFunctions : IAsyncDisposable
{
    private readonly ServerlessEngine _engine;
    private readonly Lock _gate = new();
    private WireMockTransport? _loopback;

    private NodeFunctions(ServerlessEngine engine, NodeCache cache, BuildPreparer preparer, Func<NodeFunctions, NodeFunctionRunner> runner)
    {
        _engine = engine;
        Cache = cache;
        Preparer = preparer;
        Runner = runner(this);
        engine.Backend.BuildGate.Gate = preparer;
        preparer.BuildCreated = Runner.Prewarm; // a deploy usually follows: have a process ready for its first request
        engine.Domains.Node = Runner;
    }

    public NodeCache Cache { get; }

    public BuildPreparer Preparer { get; }

    public NodeFunctionRunner Runner { get; }

    /// <summary>Node mode for <paramref name="engine"/>; throws, saying what is missing, when no usable Node.js is found.</summary>
    /// <param name="engine">The fake's engine.</param>
    /// <param name="options">Its options.</param>
    /// <param name="apiUrl">The fake's own loopback URL, null in memory.</param>
    public static NodeFunctions Start(ServerlessEngine engine, FakeServerlessOptions options, Func<Uri?> apiUrl)
    {
        var node = NodeInstallation.Find(options.NodeExecutable)
            ?? throw new InvalidOperationException(
                $"FunctionRuntime.Node needs Node.js {NodeInstallation.MinimumMajorVersion} or later, and {(options.NodeExecutable is null ? "no 'node' was found on PATH" : $"'{options.NodeExecutable}' does not run")}. Install Node.js with npm, or use FunctionRuntime.Handlers.");
        if (!node.IsSupported)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"FunctionRuntime.Node needs Node.js {NodeInstallation.MinimumMajorVersion} or later; {node} is too old."));
        }

        var cache = new NodeCache(Path.GetFullPath(options.NodeCacheDirectory ?? NodeCache.DefaultDirectory()), node);
        var logger = options.LoggerFactory?.CreateLogger("FakeServerless.Functions") ?? NullLogger.Instance;
        var preparer = new BuildPreparer(cache, engine.Backend, engine.Writer, logger);
        return new NodeFunctions(engine, cache, preparer, self => new NodeFunctionRunner(cache, engine.Backend, engine.Writer, options, () => apiUrl() ?? self.Loopback(), logger));
    }

    public async ValueTask DisposeAsync()
    {
        _engine.Domains.Node = null;
        _engine.Backend.BuildGate.Gate = null;
        await Runner.DisposeAsync().ConfigureAwait(false);
        _loopback?.Dispose();
    }

    /// <summary>A loopback port onto the in-memory fake, opened on first use.</summary>
    private Uri Loopback()
    {
        lock (_gate)
        {
            _loopback ??= WireMockTransport.Start(new FrontDoor(_engine), "127.0.0.1", 0, 0);
            return _loopback.Url;
        }
    }
}
