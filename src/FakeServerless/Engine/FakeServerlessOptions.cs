using Microsoft.Extensions.Logging;

namespace FakeServerless;

/// <summary>Settings of a <see cref="FakeServerlessServer"/>. Every property has a default that suits a unit test.</summary>
public sealed class FakeServerlessOptions
{
    /// <summary>The account SID handed out by <see cref="FakeServerlessServer.AccountSid"/>. Default <c>AC</c> + 32 zeros-and-ones pattern.</summary>
    public string AccountSid { get; set; } = "AC00000000000000000000000000000001";

    /// <summary>
    /// The auth token handed out by <see cref="FakeServerlessServer.AuthToken"/>. Default <c>fake-auth-token</c>. It is also the
    /// key of every account's request signatures (<c>X-Twilio-Signature</c> on protected functions and assets), since the fake
    /// remembers no other token.
    /// </summary>
    public string AuthToken { get; set; } = "fake-auth-token";

    /// <summary>
    /// When <see langword="false"/> (the default) any Basic username that is an Account SID, with any non-empty password,
    /// is accepted and gets its own isolated state, and any API key (<c>SK</c> + 32 hex) not created with
    /// <see cref="FakeServerlessServer.CreateApiKey"/>, with any non-empty secret, acts on <see cref="AccountSid"/>.
    /// When <see langword="true"/>, only <see cref="AccountSid"/> with <see cref="AuthToken"/> is accepted, plus the keys
    /// created on the fake. Either way a created key needs its exact secret.
    /// </summary>
    public bool RequireExactCredentials { get; set; }

    /// <summary>Real HTTP (default) or in memory.</summary>
    public FakeServerlessTransport Transport { get; set; } = FakeServerlessTransport.Http;

    /// <summary>The port to bind on <see cref="Host"/>; 0 (the default) picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>
    /// The IP address the HTTP transport (and the proxy, when one is added) binds: <c>127.0.0.1</c> (the default) is reachable from this machine only; <c>0.0.0.0</c>
    /// or <c>::</c> (e.g. in a container) from anywhere that can reach it.
    /// </summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>The seed of the SID generator: the same seed and the same calls give the same SIDs. Default 0.</summary>
    public int Seed { get; set; }

    /// <summary>The clock for every <c>date_*</c> field and time-based build completion. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>When builds finish. Default <see cref="FakeServerless.BuildCompletion.Immediate"/>.</summary>
    public BuildCompletion BuildCompletion { get; set; } = BuildCompletion.Immediate;

    /// <summary>
    /// The runtime of a build created without <c>Runtime</c>. Default <c>node22</c> (the spec's example, and Twilio's default).
    /// It must be one Twilio accepts (<c>node20</c>, <c>node22</c>, <c>node24</c>); otherwise starting the fake throws
    /// <see cref="ArgumentException"/>.
    /// </summary>
    public string DefaultRuntime { get; set; } = "node22";

    /// <summary>
    /// The scheme and host put in every <c>url</c>, <c>links</c> entry and <c>meta.*_url</c>. Default <see langword="null"/>:
    /// the scheme and host of the request being answered.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>How many requests the journal keeps (oldest dropped first). Default 1000.</summary>
    public int JournalCapacity { get; set; } = 1000;

    /// <summary>How many requests WireMock.Net's own log keeps. Default 100.</summary>
    public int WireMockRequestLogCount { get; set; } = 100;

    /// <summary>
    /// The largest request body accepted that is not a <c>multipart/form-data</c> upload (forms, JSON, anything else). A longer body
    /// is answered <c>413</c> / <c>20413</c> without being read whole. Default 4 MiB (4,194,304 bytes).
    /// </summary>
    public long MaxFormBodyBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>
    /// The largest <c>multipart/form-data</c> request body accepted (function and asset version uploads). A longer body is answered
    /// <c>413</c> / <c>20413</c> without being read whole. Default 20 MiB (20,971,520 bytes).
    /// </summary>
    public long MaxUploadBodyBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>
    /// The slowest a request body may arrive once <see cref="BodyGracePeriod"/> has passed (Kestrel's default: 240 bytes per
    /// second after 5 s); slower bodies get <c>408</c> / <c>20408</c> on every transport. 0: no minimum.
    /// </summary>
    internal double MinBodyBytesPerSecond { get; set; } = 240;

    /// <summary>How long a request body may take before <see cref="MinBodyBytesPerSecond"/> applies.</summary>
    internal TimeSpan BodyGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Where the fake logs one line per request. Default: no logging.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Where the fake keeps its state durably; <see langword="null"/> (the default): in memory only. Set by
    /// <c>options.UseDurableState(directory)</c> of the <c>FakeServerless.Durable</c> package.
    /// </summary>
    internal Persistence.IStateLogProvider? StateLog { get; set; }

    /// <summary>
    /// Serves the control API (health, reset, journal, faults, clock, scenarios… under <c>/_fake/</c> on any host that is not an
    /// environment domain) on the fake's port, for tools in any language. Default <see langword="false"/> in process; the standalone
    /// fake turns it on.
    /// </summary>
    public bool EnableControlApi { get; set; }

    /// <summary>When set, every control API request needs <c>Authorization: Bearer {ControlToken}</c> (401 otherwise). Default none.</summary>
    public string? ControlToken { get; set; }

    /// <summary>
    /// Host names the control API answers on besides <c>localhost</c> and IP addresses, such as a compose service name
    /// (<c>twilio-serverless</c>). Any other name is refused with 403: a web page could point a DNS name it owns at this fake (DNS
    /// rebinding) and read or change its state. Names without port, matched in any case. Default none.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; set; } = [];

    /// <summary>
    /// What runs deployed functions: <see cref="FakeServerless.FunctionRuntime.Handlers"/> (the default in process: C# handlers,
    /// canned answers, a JSON placeholder) or <see cref="FakeServerless.FunctionRuntime.Node"/> (the live build's own code, on
    /// Node.js with Twilio's <c>@twilio/runtime-handler</c>). Node mode runs code that arrived over HTTP with this process's rights.
    /// </summary>
    public FunctionRuntime FunctionRuntime { get; set; } = FunctionRuntime.Handlers;

    /// <summary>
    /// Node mode: how long a function may run before the fake answers Twilio's <c>504</c> ("runtime application timed out")
    /// and logs it. Default 10 seconds, Twilio's execution limit; tests lower it.
    /// </summary>
    public TimeSpan FunctionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Node mode: a build's Node process stops after this long without a request (the next request starts it again). Default 5 minutes.</summary>
    public TimeSpan FunctionIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Node mode: where <c>@twilio/runtime-handler</c> and each build's npm dependencies are installed (one folder per dependency
    /// set, shared by every fake on the machine), never inside a repository. Default <see langword="null"/>: the
    /// <c>FAKESERVERLESS_NODE_CACHE</c> environment variable, else <c>FakeServerless/node</c> under <c>XDG_CACHE_HOME</c> (or
    /// <c>~/.cache</c>), else under the temp folder.
    /// </summary>
    public string? NodeCacheDirectory { get; set; }

    /// <summary>Node mode: the <c>node</c> program to run. Default <see langword="null"/>: <c>node</c> found on <c>PATH</c> (npm beside it).</summary>
    public string? NodeExecutable { get; set; }


    /// <summary>Transports from other packages (the proxy's <c>UseProxy</c>), started with the fake in this order.</summary>
    internal List<Engine.ITransportAddOn> AddOns { get; private set; } = [];

    /// <summary>What the state layer reads of these options.</summary>
    internal State.StateSettings ToStateSettings() =>
        new(Seed, TimeProvider, DefaultRuntime, BuildCompletion, AccountSid, AuthToken, RequireExactCredentials);

    internal FakeServerlessOptions Clone()
    {
        var copy = (FakeServerlessOptions)MemberwiseClone();
        copy.AddOns = [.. AddOns];
        copy.AllowedHosts = [.. AllowedHosts ?? []];
        return copy;
    }
}
