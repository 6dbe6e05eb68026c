using System.Net.Http.Headers;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace FakeServerless.Testcontainers;

/// <summary>
/// Ready when <c>GET /_fake/health</c> on the published port answers 200 (with the control token when there is one). Fails at
/// once, with the fake's own output, when the container has exited (bad settings, a damaged data volume): Testcontainers 3.10
/// would otherwise wait out its timeout.
/// </summary>
internal sealed class HealthWait(string? controlToken) : IWaitUntil
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>A healthy image answers within a second or two; this bounds a start that never gets there.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(10) })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    public async Task<bool> UntilAsync(IContainer container)
    {
        if (container.State == TestcontainersStates.Exited)
        {
            var exitCode = await container.GetExitCodeAsync().ConfigureAwait(false);
            var (stdout, stderr) = await container.GetLogsAsync(timestampsEnabled: false).ConfigureAwait(false);
            throw new InvalidOperationException(
                $"The fake-serverless container ({container.Image.FullName}) exited with code {exitCode} before /_fake/health answered:\n{stdout}{stderr}");
        }

        var uri = new UriBuilder(Uri.UriSchemeHttp, container.Hostname, container.GetMappedPublicPort(FakeServerlessBuilder.FakeServerlessPort), "/_fake/health").Uri;
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (controlToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", controlToken);
        }

        try
        {
            using var response = await Http.SendAsync(request).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return false; // not listening yet
        }
    }
}
