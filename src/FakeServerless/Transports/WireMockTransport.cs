using System.Net;
using System.Net.Sockets;
using FakeServerless.Engine;
using FakeServerless.Messages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace FakeServerless.Transports;

/// <summary>
/// Serves the engine on a real loopback port through WireMock.Net. One catch-all mapping at the lowest priority hands every
/// request to the engine, so nothing ever gets WireMock's default "no match" body, and stubs a user adds still win.
/// Nothing Twilio-specific lives here: it only copies requests and responses.
/// </summary>
/// <remarks>
/// Every request first passes the <see cref="FrontDoor"/> in a middleware registered before WireMock's own
/// (<see cref="RequestGuard"/>), which keeps the admitted request and its <see cref="HttpContext"/> in an <see cref="AsyncLocal{T}"/>
/// for the callback. A dropped connection: WireMock's <see cref="FaultType.EMPTY_RESPONSE"/> only writes an empty <c>200</c>, which
/// a client reads as a success, so the callback aborts that connection: the client sees it reset, with no status line.
/// </remarks>
internal sealed class WireMockTransport : IDisposable
{
    private const int CatchAllPriority = 1_000_000;

    private static readonly object AnswerKey = new();

    private readonly IPAddress _host;

    private WireMockTransport(WireMockServer server, IPAddress host)
    {
        Server = server;
        _host = host;
    }

    public WireMockServer Server { get; }

    /// <summary>
    /// <c>http://127.0.0.1:{port}</c>: the address it binds, or loopback when it binds every address. (WireMock's own <c>Url</c>
    /// says <c>localhost</c>, which clients may try on IPv6 first.)
    /// </summary>
    public Uri Url => ListenAddress.UrlOf(_host, Server.Port);

    public static WireMockTransport Start(FrontDoor frontDoor, string host, int port, int requestLogCount)
    {
        var address = IPAddress.Parse(host);
        EnsureCanListen(address, port);

        var guard = new RequestGuard(frontDoor);
        var settings = new WireMockServerSettings
        {
            Urls = [new UriBuilder(Uri.UriSchemeHttp, address.ToString(), port).Uri.GetLeftPart(UriPartial.Authority)], // port 0: the OS picks a free port
            StartAdminInterface = false,
            MaxRequestLogCount = Math.Max(0, requestLogCount),
            AllowBodyForAllHttpMethods = true,
            DisableJsonBodyParsing = true,
            DisableDeserializeFormUrlEncoded = true,
            DisableRequestBodyDecompressing = true,
            PreWireMockMiddlewareInit = app => ((IApplicationBuilder)app).Use(async (context, next) =>
            {
                await guard.InvokeAsync(context, next).ConfigureAwait(false);
                TruncateLoggedBody(context);
            }),
        };

        WireMockServer server;
        try
        {
            server = WireMockServer.Start(settings);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Kestrel failed under WireMock after the probe passed (a race for the port, or the system said no).
            throw new ListenException(ListenerRole.Api, address.ToString(), port, addressInUse: false, $"Cannot listen on {address}:{port}: {ex.GetBaseException().Message}", ex);
        }

        server.Given(Request.Create().UsingAnyMethod().WithPath(new RegexMatcher(".*")))
            .AtPriority(CatchAllPriority)
            .RespondWith(Response.Create().WithCallback(async _ =>
            {
                // WireMock's callback has no token: the request's own comes from the middleware's HttpContext, as does the request
                // the front door admitted there.
                var current = RequestGuard.CurrentRequest ?? throw new InvalidOperationException("A request reached WireMock without passing the front door.");
                var response = await frontDoor.AnswerAsync(current.Admitted!, current.Context.RequestAborted).ConfigureAwait(false);
                if (response.DropConnection)
                {
                    current.Context.Abort();
                }

                var answer = ToWireMock(response);
                current.Context.Items[AnswerKey] = answer;
                return answer;
            }));
        return new WireMockTransport(server, address);
    }

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
    }

    /// <summary>
    /// Fails fast, with a <see cref="ListenException"/>, when <paramref name="port"/> is taken or the address cannot be bound:
    /// WireMock would wait for its whole start timeout (10 s) and then report "One or more errors occurred".
    /// </summary>
    private static void EnsureCanListen(IPAddress address, int port)
    {
        try
        {
            using var probe = new TcpListener(address, port);
            probe.Start();
            probe.Stop();
        }
        catch (SocketException ex)
        {
            throw new ListenException(ListenerRole.Api, address.ToString(), port, ex.SocketErrorCode == SocketError.AddressAlreadyInUse, $"Cannot listen on {address}:{port}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// WireMock's query parser throws (and WireMock answers its own 500) on a parameter made only of <c>=</c>, and it also splits
    /// on <c>;</c>. Such a query is rewritten before WireMock sees it: <c>=</c>-only parameters dropped, <c>;</c> encoded as
    /// <c>%3B</c>. The engine reads the same parameters either way (it skips empty keys and decodes values). Null: no change.
    /// </summary>
    internal static string? SafeQuery(string? query)
    {
        if (string.IsNullOrEmpty(query) || (!query.Contains(';') && !query.Split('&').Any(IsOnlyEquals)))
        {
            return null;
        }

        var parameters = query.TrimStart('?').Replace(";", "%3B", StringComparison.Ordinal).Split('&').Where(p => !IsOnlyEquals(p));
        return "?" + string.Join('&', parameters);

        static bool IsOnlyEquals(string parameter) => parameter.TrimStart('?').Length > 0 && parameter.TrimStart('?').All(c => c == '=');
    }


    /// <summary>
    /// Once an answer is on the wire, the copy WireMock's request log keeps is cut to <see cref="LogText.MaxValueChars"/> bytes, as
    /// the request's body is: the log must not hold a state export or an asset (or a deleted canned function's echo) whole.
    /// </summary>
    private static void TruncateLoggedBody(HttpContext context)
    {
        if (context.Items.TryGetValue(AnswerKey, out var value) && value is ResponseMessage { BodyData.BodyAsBytes: { Length: > LogText.MaxValueChars } body } answer)
        {
            answer.BodyData = new BodyData { BodyAsBytes = [.. body.AsSpan(0, LogText.MaxValueChars)], DetectedBodyType = BodyType.Bytes };
        }
    }

    private static ResponseMessage ToWireMock(EngineResponse response)
    {
        var message = new ResponseMessage
        {
            StatusCode = response.DropConnection ? 200 : response.Status,
            Headers = new Dictionary<string, WireMockList<string>>(StringComparer.OrdinalIgnoreCase),
        };

        if (response.DropConnection)
        {
            message.FaultType = FaultType.EMPTY_RESPONSE;
            message.FaultPercentage = 1.0;
            return message;
        }

        foreach (var (name, value) in response.Headers)
        {
            message.Headers[name] = new WireMockList<string>(value);
        }

        if (response.ContentType is not null)
        {
            message.Headers["Content-Type"] = new WireMockList<string>(response.ContentType);
        }

        if (response.Body.Length > 0)
        {
            message.BodyData = new BodyData { BodyAsBytes = response.Body, DetectedBodyType = BodyType.Bytes };
        }

        return message;
    }
}
