using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using FakeServerless.Domains;
using FakeServerless.Engine;
using FakeServerless.Messages;
using FakeServerless.Routing;
using FakeServerless.State;
using FakeServerless.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FakeServerless.Control;

/// <summary>
/// The control API: JSON endpoints under <c>/_fake/</c> on any host that is not an environment domain, served before Twilio
/// auth, faults and routing, on both transports. Control requests are not journaled (the journal is what the code under test
/// sent) and never fault; they are logged. Bad input gets a Twilio-shaped error body naming the field.
/// </summary>
internal sealed class ControlApi : IControlHandler
{
    public const string Prefix = "/_fake";

    /// <summary>
    /// The control API's own limit for every request but <c>PUT /_fake/state</c>: 4 MiB, whatever the API's limits (canned functions
    /// and fault rules are capped far below it).
    /// </summary>
    public const long ControlBytes = 4L * 1024 * 1024;

    private const string BearerScheme = "Bearer";

    /// <summary>
    /// The limit of <c>PUT /_fake/state</c>: the largest array .NET holds, so any state <c>GET /_fake/state</c> answered (one array of
    /// bytes) can be sent back. With a control token it applies only to a request that carries the token (others get
    /// <see cref="ControlBytes"/>), so nobody without the token makes the fake hold a large body.
    /// </summary>
    public static readonly long StateBytes = Array.MaxLength;

    /// <summary>The fake's version: the assembly's informational version.</summary>
    public static readonly string Version = FakeServerlessVersion.Current;

    private readonly ILogger _logger;
    private readonly byte[]? _token;
    private readonly ControlRequestRules _rules;

    /// <summary>Built by the engine it serves (see <see cref="ServerlessEngine(FakeServerlessOptions, Func{ServerlessEngine, IControlHandler})"/>).</summary>
    public ControlApi(ServerlessEngine engine)
    {
        Engine = engine;
        _logger = engine.Options.LoggerFactory?.CreateLogger("FakeServerless.Control") ?? NullLogger.Instance;
        _token = engine.Options.ControlToken is { Length: > 0 } token ? Encoding.UTF8.GetBytes(token) : null;
        _rules = new ControlRequestRules(engine.Options.AllowedHosts);
        Started = Stopwatch.GetTimestamp();
        Routes = CreateRoutes();
    }

    /// <summary>When the fake started (a <see cref="Stopwatch"/> timestamp: uptime is real time, whatever the fake's clock).</summary>
    public long Started { get; }

    public ControlRoutes Routes { get; }

    /// <summary>The fake it controls: the one way its handlers reach each part (<see cref="ControlContext.Engine"/>).</summary>
    public ServerlessEngine Engine { get; }

    public static ControlRoutes CreateRoutes()
    {
        var routes = new ControlRoutes();
        SystemEndpoints.Register(routes);
        StateEndpoints.Register(routes);
        JournalEndpoints.Register(routes);
        FaultEndpoints.Register(routes);
        BuildEndpoints.Register(routes);
        ClockEndpoints.Register(routes);
        FunctionEndpoints.Register(routes);
        LogEndpoints.Register(routes);
        ScenarioEndpoints.Register(routes);
        KeyEndpoints.Register(routes);
        AccountEndpoints.Register(routes);
        SettingsEndpoints.Register(routes);
        DashboardEndpoints.Register(routes);
        return routes;
    }

    /// <summary>True for <c>/_fake</c> and <c>/_fake/…</c> on a host that is not an environment domain (<c>*.twil.io</c>).</summary>
    public bool Handles(EngineRequest request) => Handles(request.Path, request.HostNameSpan);

    /// <inheritdoc cref="Handles(EngineRequest)"/>
    public static bool Handles(string path, ReadOnlySpan<char> hostName) =>
        (path.StartsWith(Prefix + "/", StringComparison.Ordinal) || path == Prefix) && !DomainServer.IsDomainHost(hostName);

    /// <summary>
    /// The control API's own limit of a request it <see cref="Handles(string, ReadOnlySpan{char})"/> (null for any other):
    /// <see cref="ControlBytes"/>, or <see cref="StateBytes"/> for <c>PUT /_fake/state</c> (with a control token, only when
    /// the request carries it).
    /// </summary>
    public long? MaxBodyBytes(string method, string path, ReadOnlySpan<char> hostName, string? authorization)
    {
        if (!Handles(path, hostName))
        {
            return null;
        }

        var isStatePut = method.Equals("PUT", StringComparison.OrdinalIgnoreCase) &&
            path.TrimEnd('/').Equals(Prefix + "/state", StringComparison.Ordinal);
        return isStatePut && (_token is null || CarriesToken(authorization, _token)) ? StateBytes : ControlBytes;
    }

    public async Task<EngineResponse> HandleAsync(EngineRequest request, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var path = Uri.UnescapeDataString(request.Path);
        EngineResponse response;
        try
        {
            response = await DispatchAsync(request, path).ConfigureAwait(false);
        }
        catch (ControlException ex)
        {
            response = EngineResponse.Error(ex.Status, ex.Code, ex.Message);
        }
        catch (ServerlessException ex)
        {
            response = EngineResponse.Error(ex.Status, ex.Code, ex.Status == 404 ? $"The requested resource {ex.ResourcePath ?? path} was not found" : ex.Message);
        }
        catch (InvalidOperationException ex) when (ex.InnerException is ServerlessException rule)
        {
            // FakeServerlessAccount's form of a Twilio rule (a unique name taken…): the rule's own status, with the account's message.
            response = EngineResponse.Error(rule.Status, rule.Code, ex.Message);
        }
        catch (Exception ex)
        {
            // Anything else is a bug, never the client's fault: a 500 whose details stay in the server's log.
            _logger.LogError(ex, "Unexpected error answering control request {Method} {Path}", LogText.Escape(request.Method), LogText.Truncate(LogText.Escape(path)));
            response = EngineResponse.Error(500, 20500, "Internal Server Error: the fake failed unexpectedly; see its log.");
        }

        response.Headers["X-FakeServerless"] = Version;
        _logger.LogInformation("{Method} {Path} {Status} (control API)", request.Method.ToUpperInvariant(), path, response.Status);
        return response;
    }

    private async ValueTask<EngineResponse> DispatchAsync(EngineRequest request, string path)
    {
        if (_rules.CheckSource(request) is { } refused)
        {
            throw refused;
        }

        var match = Routes.Match(request.Method, request.Path);
        if (!Authorized(request) && match.Route?.Operation != DashboardEndpoints.DashboardOperation)
        {
            var unauthorized = EngineResponse.Error(401, 20003, "Authenticate: the control API needs the header 'Authorization: Bearer <token>' with the fake's control token.");
            unauthorized.Headers["WWW-Authenticate"] = "Bearer realm=\"fake-serverless control API\"";
            return unauthorized;
        }

        if (match.Route is null)
        {
            if (match.MethodNotAllowed)
            {
                var notAllowed = EngineResponse.Error(405, 20004, $"Method {request.Method.ToUpperInvariant()} is not allowed on {path}; use {string.Join(" or ", match.AllowedMethods.Distinct())}.");
                notAllowed.Headers["Allow"] = string.Join(", ", match.AllowedMethods.Distinct());
                return notAllowed;
            }

            throw ControlException.NotFound($"The control API has no endpoint {path}; GET {Prefix}/openapi.json lists them.");
        }

        if (ControlRequestRules.CheckBody(request) is { } unreadable)
        {
            throw unreadable;
        }

        var query = new FormData();
        FormParser.ParseUrlEncoded(request.Query, query);
        var handler = Routes.HandlerOf(match.Route);
        var context = new ControlContext(this, request, match.Values, query);

        // An endpoint that changes state holds the write path's gate while it runs (waited for without blocking a thread): each
        // change it makes through the C# API is then logged and applied in turn, in durable mode before the answer is sent.
        return match.Route.Effect == RouteEffect.Write
            ? await Engine.Writer.HoldAsync(() => handler(context)).ConfigureAwait(false)
            : handler(context);
    }

    /// <summary>No token set, or <c>Authorization: Bearer {token}</c> (the scheme in any case, as RFC 7235 says).</summary>
    private bool Authorized(EngineRequest request) => _token is null || CarriesToken(request.Header("Authorization"), _token);

    /// <summary>Whether <paramref name="authorization"/> is <c>Bearer</c> (any case) followed by <paramref name="token"/>, compared in constant time.</summary>
    internal static bool CarriesToken(string? authorization, ReadOnlySpan<byte> token)
    {
        var header = authorization?.Trim();
        if (header is null || header.Length <= BearerScheme.Length || !header.StartsWith(BearerScheme, StringComparison.OrdinalIgnoreCase) ||
            header[BearerScheme.Length] != ' ')
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[(BearerScheme.Length + 1)..].TrimStart(' ')), token);
    }
}
