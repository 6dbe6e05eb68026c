using System.Net.Http.Headers;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting;

/// <summary>
/// Healthy when <c>GET /_fake/health</c> answers 2xx. Aspire's own HTTP health check cannot send the control token, which every
/// <c>/_fake/</c> request needs once one is set: this one sends it.
/// </summary>
internal sealed class FakeServerlessHealthCheck(IFakeServerlessResource resource) : IHealthCheck
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!resource.PrimaryEndpoint.IsAllocated)
        {
            return HealthCheckResult.Unhealthy("The fake's endpoint has no address yet.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(resource.PrimaryEndpoint.Url), "/_fake/health"));
        if (resource.ControlToken is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token.GetValueAsync(cancellationToken).ConfigureAwait(false));
        }

        try
        {
            using var response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"GET {request.RequestUri} answered {(int)response.StatusCode}.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return HealthCheckResult.Unhealthy($"GET {request.RequestUri} failed: {ex.Message}", ex);
        }
    }
}
