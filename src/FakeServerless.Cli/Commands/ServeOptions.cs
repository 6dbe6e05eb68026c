using System.CommandLine;
using System.Net;
using FakeServerless.Cli.Parsing;
using FakeServerless.Proxy;

namespace FakeServerless.Cli.Commands;

/// <summary>
/// The options of the fake itself (the root command). To add one: declare it here, list it in <see cref="All"/>, and map it in
/// <see cref="ToServerOptions"/>; its environment variable and help line follow (<see cref="EnvironmentOptions"/>).
/// </summary>
internal sealed class ServeOptions
{
    /// <summary>The port a standalone fake listens on unless told otherwise (as moto's 5000 or WireMock's 8080).</summary>
    public const int DefaultPort = 4010;

    public Option<int> Port { get; } = new("--port")
    {
        Description = "Port to listen on; 0 picks a free port.", HelpName = "n", DefaultValueFactory = _ => DefaultPort, CustomParser = ValueParsers.Port,
    };

    public Option<IPAddress> Host { get; } = new("--host")
    {
        Description = "Address to bind: 0.0.0.0 or :: listens beyond this machine (then set a control token).", HelpName = "address",
        DefaultValueFactory = _ => IPAddress.Loopback, CustomParser = ValueParsers.Host,
    };

    public Option<int?> Seed { get; } = new("--seed")
    {
        Description = "Seed of the SID generator: same seed, same calls, same SIDs. [default: random, printed at start]", HelpName = "n",
        CustomParser = ValueParsers.Seed,
    };

    public Option<string?> AccountSid { get; } = new("--account-sid")
    {
        Description = $"The account's SID. [default: {new FakeServerlessOptions().AccountSid}]", HelpName = "AC...", CustomParser = ValueParsers.AccountSid,
    };

    public Option<string?> AuthToken { get; } = new("--auth-token")
    {
        Description = $"The account's auth token. [default: {new FakeServerlessOptions().AuthToken}]", HelpName = "token", CustomParser = ValueParsers.AuthToken,
    };

    public Option<bool> StrictCredentials { get; } = new("--strict-credentials")
    {
        Description = "Accept only --account-sid with --auth-token (default: any AC SID with any non-empty password, each account with its own state).",
    };

    public Option<BuildCompletion?> BuildCompletion { get; } = new("--build-completion")
    {
        Description = "When builds finish: immediate | manual | polls:<n> | delay:<seconds>. [default: immediate, i.e. on the first read after create]",
        HelpName = "when", CustomParser = ValueParsers.Completion,
    };

    public Option<Uri?> PublicBaseUrl { get; } = new("--public-base-url")
    {
        Description = "Scheme and host used in every url/links field. [default: the request's]", HelpName = "url", CustomParser = ValueParsers.HttpUrl,
    };

    public Option<string?> DataDirectory { get; } = new("--data-dir")
    {
        Description = "Keep state in this directory (SQLite): every write is on disk before its answer, so a crash loses none and a restart answers as before. [default: memory only]",
        HelpName = "dir",
    };

    public Option<int?> SnapshotEvery { get; } = new("--snapshot-every")
    {
        Description = "With --data-dir: snapshot the whole state after this many writes; a restart replays at most this many. [default: 5000]",
        HelpName = "n",
        CustomParser = ValueParsers.SnapshotEvery,
    };

    public Option<string?> ControlToken { get; } = new("--control-token")
    {
        Description = "Require 'Authorization: Bearer <token>' on every control API request (/_fake/). [default: none]", HelpName = "token",
        CustomParser = ValueParsers.NonEmpty,
    };

    public Option<ClockKind> Clock { get; } = new("--clock")
    {
        Description = "system | virtual: a virtual clock starts at the machine's time and moves only by POST /_fake/clock. [default: system]",
        HelpName = "kind", DefaultValueFactory = _ => ClockKind.System, CustomParser = ValueParsers.Clock,
    };

    public Option<int?> ProxyPort { get; } = new("--proxy-port")
    {
        Description = "Also serve an intercepting HTTPS proxy on this port (0 picks a free one) for clients that honour HTTPS_PROXY. [default: no proxy]",
        HelpName = "n", CustomParser = ValueParsers.OptionalPort,
    };

    public Option<string?> CertificateAuthorityDirectory { get; } = new("--ca-dir")
    {
        Description = "Where the proxy keeps its CA (ca.pem to trust, ca-key.pem), created once and reused. [default: FakeServerless/ca under the user's data folder]",
        HelpName = "dir", CustomParser = ValueParsers.NonEmpty,
    };

    public Option<string[]> AllowedHosts { get; } = new("--allowed-host")
    {
        Description = "Also answer the control API on this host name (repeat it, or separate names with commas; the variable takes a comma list), e.g. a compose service name. localhost and IP addresses always work; other names are refused so a web page cannot rebind its own name to the fake.",
        HelpName = "name", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false, CustomParser = ValueParsers.HostNames,
    };

    public Option<FunctionRuntime?> Functions { get; } = new("--functions")
    {
        Description = "node | handlers: run deployed functions on Node.js with Twilio's @twilio/runtime-handler, or answer them from C# handlers, canned answers and a JSON placeholder. " +
            "[default: node when Node.js 18+ is on PATH and --host is loopback, else handlers]",
        HelpName = "runtime", CustomParser = ValueParsers.Functions,
    };

    public Option<string?> NodeCache { get; } = new("--node-cache")
    {
        Description = "Where Node mode installs @twilio/runtime-handler and build dependencies with npm. [default: FakeServerless/node under ~/.cache]",
        HelpName = "dir", CustomParser = ValueParsers.NonEmpty,
    };

    /// <summary>Every option, in the order <c>--help</c> lists them.</summary>
    public IEnumerable<Option> All =>
        [Port, Host, DataDirectory, SnapshotEvery, Seed, AccountSid, AuthToken, StrictCredentials, BuildCompletion, PublicBaseUrl, ControlToken, AllowedHosts, Clock, ProxyPort, CertificateAuthorityDirectory, Functions, NodeCache];

    /// <summary>The options of the fake <paramref name="result"/> asks for (HTTP transport), with <paramref name="seed"/> chosen by the caller.</summary>
    public FakeServerlessOptions ToServerOptions(ParseResult result, int seed)
    {
        var options = new FakeServerlessOptions
        {
            Transport = FakeServerlessTransport.Http,
            EnableControlApi = true, // the standalone fake serves /_fake/ (health, reset, journal, …) for tools in any language
            Port = result.GetValue(Port),
            Host = result.GetValue(Host)!.ToString(),
            Seed = seed,
            RequireExactCredentials = result.GetValue(StrictCredentials),
            BuildCompletion = result.GetValue(BuildCompletion) ?? FakeServerless.BuildCompletion.Immediate,
            PublicBaseUrl = result.GetValue(PublicBaseUrl),
            ControlToken = result.GetValue(ControlToken),
            AllowedHosts = result.GetValue(AllowedHosts) ?? [],
            NodeCacheDirectory = result.GetValue(NodeCache),
        };
        if (result.GetValue(ProxyPort) is { } proxyPort)
        {
            options.UseProxy(proxyPort, result.GetValue(CertificateAuthorityDirectory));
        }

        if (result.GetValue(DataDirectory) is { } dataDirectory)
        {
            options.UseDurableState(dataDirectory, durable => durable.SnapshotInterval = result.GetValue(SnapshotEvery) ?? durable.SnapshotInterval);
        }
        if (result.GetValue(Clock) == ClockKind.Virtual)
        {
            options.TimeProvider = new VirtualClock(TimeProvider.System.GetUtcNow());
        }

        options.AccountSid = result.GetValue(AccountSid) ?? options.AccountSid;
        options.AuthToken = result.GetValue(AuthToken) ?? options.AuthToken;
        return options;
    }
}
