using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using Twilio.Clients;
using Twilio.Http;
using SystemHttpClient = System.Net.Http.HttpClient;

namespace FakeServerless.Examples.Testcontainers;

/// <summary>
/// The fake's image in a throwaway container: port 4010 published on a random host port, ready once <c>GET /_fake/health</c> answers
/// 200, and a Twilio SDK client pointed at it.
/// </summary>
public sealed class FakeServerlessContainer : IAsyncDisposable
{
    /// <summary>The port the image listens on (<c>EXPOSE 4010</c>).</summary>
    public const int Port = 4010;

    public const string AccountSid = "AC00000000000000000000000000000001";
    public const string AuthToken = "fake-auth-token";

    private readonly IContainer _container;

    static FakeServerlessContainer()
    {
        // The resource reaper (Ryuk) is a second image that Testcontainers pulls from Docker Hub; where that cannot be pulled, turn it
        // off (the same as TESTCONTAINERS_RYUK_DISABLED=true). Each test disposes its container itself.
        TestcontainersSettings.ResourceReaperEnabled = false;
    }

    public FakeServerlessContainer(string image = "fake-serverless:local", int? seed = null)
    {
        var builder = new ContainerBuilder()
            .WithImage(image)
            .WithPortBinding(Port, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(request => request.ForPort(Port).ForPath("/_fake/health")));
        _container = (seed is { } s ? builder.WithEnvironment("FAKESERVERLESS_SEED", s.ToString(System.Globalization.CultureInfo.InvariantCulture)) : builder).Build();
    }

    /// <summary>Where the test reaches the fake: <c>http://{docker host}:{random port}</c>.</summary>
    public Uri Url => new UriBuilder(Uri.UriSchemeHttp, _container.Hostname, _container.GetMappedPublicPort(Port)).Uri;

    public Task StartAsync(CancellationToken cancellationToken = default) => _container.StartAsync(cancellationToken);

    /// <summary>The Twilio SDK with every request sent to the container (whatever host the SDK names, path and query kept).</summary>
    public TwilioRestClient CreateTwilioClient() =>
        new(AccountSid, AuthToken, httpClient: new SystemNetHttpClient(new SystemHttpClient(new ToContainerHandler(Url))));

    /// <summary>A plain HTTP client on the container with the account's Basic auth, for the multipart uploads the SDK cannot make.</summary>
    public SystemHttpClient CreateHttpClient()
    {
        var client = new SystemHttpClient(new ToContainerHandler(Url));
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}")));
        return client;
    }

    public ValueTask DisposeAsync() => _container.DisposeAsync();

    /// <summary>Rewrites each request's scheme, host and port to the container's.</summary>
    private sealed class ToContainerHandler(Uri target) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new UriBuilder(request.RequestUri!) { Scheme = target.Scheme, Host = target.Host, Port = target.Port }.Uri;
            return base.SendAsync(request, cancellationToken);
        }
    }
}
