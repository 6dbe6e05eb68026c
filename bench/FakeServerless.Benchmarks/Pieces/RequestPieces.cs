using System.Net.Http.Headers;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using FakeServerless.Benchmarks.Requests;
using FakeServerless.Domains;
using FakeServerless.Engine;
using FakeServerless.Messages;
using FakeServerless.Routing;
using FakeServerless.State;
using FakeServerless.Transports;
using FakeServerless.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FakeServerless.Benchmarks.Pieces;

/// <summary>
/// Each piece one in-memory GET of a deployment goes through on the current engine (see <see cref="ServerlessEngine.HandleAsync"/>
/// and <see cref="InMemoryHandler"/>), measured alone, plus the whole request and the HttpClient floor for scale. These call
/// engine internals, so they follow the engine: after a rewrite, point each piece at its new home or drop it.
/// </summary>
[MemoryDiagnoser]
public class RequestPieces
{
    private const string Operation = "FetchDeployment";

    private ServerlessEngine _engine = null!;
    private HttpClient _client = null!;
    private HttpClient _floor = null!;
    private Uri _url = null!;
    private AuthenticationHeaderValue _auth = null!;
    private HttpRequestMessage _message = null!;
    private EngineRequest _request = null!;
    private EngineResponse _response = null!;
    private string _path = null!;
    private string _accountSid = null!;
    private ServerlessBackend _backend = null!;
    private readonly Lock _gate = new();
    private RouteMatch _match;
    private ResourceUrls _urls = null!;
    private DeploymentRecord _deployment = null!;
    private FormData _parameters = null!;
    private Func<EngineRequest, (string?, string?)> _authenticate = null!;
    private readonly ILogger _logger = NullLogger.Instance;

    [ThreadStatic]
    private static long _threadCounter;

    [GlobalSetup]
    public void Setup()
    {
        var options = new FakeServerlessOptions { Transport = FakeServerlessTransport.InMemory };
        _engine = new ServerlessEngine(options);
        _accountSid = options.AccountSid;
        _backend = _engine.Backend;
        _path = BenchDeployment.Seed(new FakeServerlessAccount(_backend, _engine.Writer, _accountSid));
        _client = new HttpClient(new InMemoryHandler(new FrontDoor(_engine)));
        _url = new Uri(FakeServerlessServer.InMemoryUrl, _path);
        _auth = RequestLoop.BasicAuth(options.AccountSid, options.AuthToken);
        _floor = new HttpClient(new CannedHandler(RequestLoop.FetchAsync(_client, _url, _auth).GetAwaiter().GetResult()));
        _message = new HttpRequestMessage(HttpMethod.Get, _url);
        _message.Headers.Authorization = _auth;
        _request = ToEngineRequest(_message);
        _response = _engine.HandleAsync(_request).GetAwaiter().GetResult();
        _match = _engine.Routes.Match("GET", _path);
        _urls = new ResourceUrls("https://serverless.twilio.com");
        _parameters = new FormData();
        var ids = _path.Split('/');
        _deployment = _backend.FetchDeployment(_accountSid, ids[3], ids[5], ids[7]);
        _authenticate = typeof(ServerlessEngine).GetMethod("Authenticate", BindingFlags.NonPublic | BindingFlags.Instance)
            ?.CreateDelegate<Func<EngineRequest, (string?, string?)>>(_engine)
            ?? throw new InvalidOperationException("ServerlessEngine.Authenticate(EngineRequest) is gone: point the Authenticate piece at its new home.");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _floor.Dispose();
        _message.Dispose();
    }

    [Benchmark(Baseline = true, Description = "whole request: HttpClient + InMemoryHandler + engine")]
    public Task<byte[]> WholeRequest() => RequestLoop.FetchAsync(_client, _url, _auth);

    [Benchmark(Description = "HttpClient floor (canned handler)")]
    public Task<byte[]> HttpClientFloor() => RequestLoop.FetchAsync(_floor, _url, _auth);

    [Benchmark(Description = "engine.HandleAsync (all engine work)")]
    public Task EngineHandle() => _engine.HandleAsync(_request);

    [Benchmark(Description = "handler: request side (headers copy + EngineRequest)")]
    public object HandlerRequestSide() => ToEngineRequest(_message);

    [Benchmark(Description = "handler: response side (HttpResponseMessage)")]
    public HttpResponseMessage HandlerResponseSide()
    {
        var message = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { RequestMessage = _message, Content = new ByteArrayContent(_response.Body) };
        message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(_response.ContentType!);
        foreach (var (name, value) in _response.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return message;
    }

    [Benchmark(Description = "clock: GetUtcNow + Stopwatch")]
    public TimeSpan Clock()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        _ = TimeProvider.System.GetUtcNow();
        return System.Diagnostics.Stopwatch.GetElapsedTime(started);
    }

    [Benchmark(Description = "decode path (Uri.UnescapeDataString)")]
    public string DecodePath() => Uri.UnescapeDataString(_path);

    [Benchmark(Description = "FormData + FormParser, empty query and body")]
    public object ParseEmpty()
    {
        var parameters = new FormData();
        FormParser.ParseUrlEncoded(string.Empty, parameters);
        FormParser.ParseBodyAsync(null, [], parameters).GetAwaiter().GetResult();
        return parameters;
    }

    [Benchmark(Description = "domain host check (HostName + IsDomainHost)")]
    public bool DomainHost() => DomainServer.IsDomainHost(_request.HostName);

    [Benchmark(Description = "RouteTable.Match (FetchDeployment, 43 routes)")]
    public object RouteMatch() => _engine.Routes.Match("GET", _path);

    [Benchmark(Description = "auth: header lookup + Base64 decode + split")]
    public (string?, string?) Authenticate() => _authenticate(_request);

    [Benchmark(Description = "FaultInjector.Decide, no rules (its lock)")]
    public object? FaultsDecide() => _engine.Faults.Decide(Operation, _accountSid);

    [Benchmark(Description = "ResourceUrls + RouteContext")]
    public object Context() =>
        new RouteContext(_backend, _accountSid, _request, _match.Values, _parameters, new ResourceUrls($"{_request.Scheme}://{_request.Host}"), _path, mayChange: false);

    [Benchmark(Description = "Lock, uncontended enter/exit (what the account gate costs)")]
    public int AccountLock()
    {
        lock (_gate)
        {
            return 1;
        }
    }

    [Benchmark(Description = "Backend.FetchDeployment: account, lock, service, environment, deployment")]
    public object StateLookup()
    {
        var ids = _match.Values;
        return _backend.FetchDeployment(_accountSid, ids["ServiceSid"], ids["EnvironmentSid"], ids["Sid"]);
    }

    [Benchmark(Description = "JSON of a deployment (EngineResponse.Json)")]
    public object Json() => EngineResponse.Json(200, _urls, _deployment, ResourceJson.Deployment);

    [Benchmark(Description = "route handler: RouteContext + backend fetch + JSON")]
    public object Handler() => _match.Route!.Handler(new RouteContext(_backend, _accountSid, _request, _match.Values, _parameters, _urls, _path, mayChange: false));

    [Benchmark(Description = "Twilio-Request-Id (x32 format; the number is the journal's)")]
    public string RequestId() => "RQ" + (++_threadCounter).ToString("x32", System.Globalization.CultureInfo.InvariantCulture);

    [Benchmark(Description = "journal: sequence + ToSnapshot + JournalEntry + Add")]
    public JournalEntry Journal()
    {
        var entry = new JournalEntry
        {
            Timestamp = DateTimeOffset.UnixEpoch,
            AccountSid = _accountSid,
            Operation = Operation,
            Method = _request.Method.ToUpperInvariant(),
            Host = _request.Host,
            Path = _path,
            Parameters = _parameters.ToSnapshot(),
            StatusCode = 200,
            Transport = _request.Transport,
        };
        _engine.Journal.Add(entry);
        return entry;
    }

    [Benchmark(Description = "LogInformation on NullLogger (boxing + params)")]
    public void Log() => _logger.LogInformation("{Method} {Path} {Status} {Milliseconds:0}ms", "GET", _path, 200, 0.0123);

    /// <summary>What <see cref="InMemoryHandler"/> does before it calls the engine (a GET has no content).</summary>
    private static EngineRequest ToEngineRequest(HttpRequestMessage request)
    {
        var uri = request.RequestUri!;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = string.Join(", ", values);
        }

        return new EngineRequest
        {
            Method = request.Method.Method,
            Scheme = uri.Scheme,
            Host = request.Headers.Host ?? (uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}"),
            Path = uri.AbsolutePath,
            Query = uri.Query,
            Headers = headers,
            Body = [],
            ContentType = null,
            Transport = "in-memory",
        };
    }
}
