using System.Net.Http.Headers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace FakeServerless.Benchmarks.Requests;

/// <summary>The targets of the request-rate figures, all fetching the same deployment with the same credentials.</summary>
internal sealed class RequestTargets : IDisposable
{
    private RequestTargets(AuthenticationHeaderValue auth, RequestTarget stub, RequestTarget http, RequestTarget inMemory, RequestTarget floor)
    {
        Auth = auth;
        Stub = stub;
        Http = http;
        InMemory = inMemory;
        Floor = floor;
    }

    public AuthenticationHeaderValue Auth { get; }

    /// <summary>(a) A bare WireMock.Net static stub answering the body the fake answers: the floor of the HTTP transport.</summary>
    public RequestTarget Stub { get; }

    /// <summary>(b) The fake over WireMock, <see cref="FakeServerlessServer.Start(FakeServerlessOptions?)"/> with the defaults.</summary>
    public RequestTarget Http { get; }

    /// <summary>(c) The fake in memory, <see cref="FakeServerlessServer.StartInMemory"/> with the defaults.</summary>
    public RequestTarget InMemory { get; }

    /// <summary>A reference, not a target of the issue: HttpClient over a handler that answers canned bytes.</summary>
    public RequestTarget Floor { get; }

    public IEnumerable<RequestTarget> All => [Stub, Http, InMemory, Floor];

    public static async Task<RequestTargets> CreateAsync()
    {
        var httpFake = FakeServerlessServer.Start();
        var path = BenchDeployment.Seed(httpFake);
        var auth = RequestLoop.BasicAuth(httpFake.AccountSid, httpFake.AuthToken);
        var http = new RequestTarget("fake over WireMock", RequestTarget.SocketsClient(), new Uri(httpFake.Url, path), httpFake.Dispose);
        var httpBody = await RequestLoop.FetchAsync(http.Client, http.Url, auth).ConfigureAwait(false);

        var memoryFake = FakeServerlessServer.StartInMemory();
        var memoryPath = BenchDeployment.Seed(memoryFake);
        var inMemory = new RequestTarget("fake in memory", memoryFake.CreateHttpClient(), new Uri(memoryFake.Url, memoryPath), memoryFake.Dispose);
        var memoryBody = await RequestLoop.FetchAsync(inMemory.Client, inMemory.Url, auth).ConfigureAwait(false);

        var stub = StartStub(path, httpBody);
        var stubTarget = new RequestTarget("bare WireMock stub", RequestTarget.SocketsClient(), new Uri($"http://127.0.0.1:{stub.Port}{path}"), stub.Dispose);
        var floor = new RequestTarget("HttpClient floor", new HttpClient(new CannedHandler(memoryBody)), inMemory.Url);
        return new RequestTargets(auth, stubTarget, http, inMemory, floor);
    }

    public void Dispose()
    {
        foreach (var target in All)
        {
            target.Dispose();
        }
    }

    /// <summary>
    /// A static stub on port 0 with the transport settings the fake's own WireMock uses (no admin interface, the same request
    /// log size), answering the fake's body and headers for a GET of <paramref name="path"/>.
    /// </summary>
    private static WireMockServer StartStub(string path, byte[] body)
    {
        var server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = ["http://127.0.0.1:0"],
            StartAdminInterface = false,
            MaxRequestLogCount = new FakeServerlessOptions().WireMockRequestLogCount,
        });
        server.Given(Request.Create().UsingGet().WithPath(path))
            .RespondWith(Response.Create()
                .WithStatusCode(200)
                .WithHeader("Content-Type", "application/json")
                .WithHeader("Twilio-Request-Id", "RQ" + new string('0', 32))
                .WithBody(body));
        return server;
    }
}
