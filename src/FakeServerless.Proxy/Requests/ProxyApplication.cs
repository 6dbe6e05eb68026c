using FakeServerless.Engine;
using FakeServerless.Proxy.Connections;
using FakeServerless.Transports;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Abstractions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FakeServerless.Proxy.Requests;

/// <summary>
/// What Kestrel runs for each request it parsed on a proxy connection: finds the Twilio host the request is for (the absolute-form
/// target of a plain-HTTP proxy request, or the Host inside a TLS tunnel), then hands it to the <see cref="FrontDoor"/> with the
/// scheme and Host the client used and transport <c>proxy</c>, exactly as the API port does. Requests for any other host, and
/// requests that are not proxy requests, get the proxy's own plain-text refusal.
/// </summary>
internal sealed class ProxyApplication(FrontDoor frontDoor) : IHttpApplication<HttpContext>
{
    public HttpContext CreateContext(IFeatureCollection contextFeatures)
    {
        // Kestrel keeps one context per connection for reuse, as ASP.NET Core's own hosting does.
        if (contextFeatures is IHostContextContainer<HttpContext> { HostContext: DefaultHttpContext reused })
        {
            reused.Initialize(contextFeatures);
            return reused;
        }

        var context = new DefaultHttpContext(contextFeatures);
        if (contextFeatures is IHostContextContainer<HttpContext> container)
        {
            container.HostContext = context;
        }

        return context;
    }

    public void DisposeContext(HttpContext context, Exception? exception) => ((DefaultHttpContext)context).Uninitialize();

    public async Task ProcessRequestAsync(HttpContext context)
    {
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        var lease = items?.TryGetValue(ProxyConnectionHandler.LeaseKey, out var leased) == true ? leased as ConnectionLease : null;
        var tunnelHost = items?.TryGetValue(ProxyConnectionHandler.TunnelKey, out var tunnel) == true ? tunnel as string : null;
        lease?.Busy();
        try
        {
            var scheme = tunnelHost is null ? "http" : "https";
            string host;
            try
            {
                host = TargetHost(context, scheme, tunnelHost);
            }
            catch (ProxyRefusal refusal)
            {
                await RefuseAsync(context, refusal).ConfigureAwait(false);
                return;
            }

            var incoming = KestrelRequests.Describe(frontDoor, context, "proxy", scheme, host, headers =>
            {
                headers["Host"] = host;
                headers.Remove("Proxy-Authorization");
                headers.Remove("Proxy-Connection");
            });
            var response = await frontDoor.HandleAsync(incoming, context.RequestAborted).ConfigureAwait(false);
            await KestrelRequests.WriteAsync(context, response).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            // the client went away
        }
        finally
        {
            lease?.Idle();
        }
    }

    /// <summary>
    /// The host the request is for, without the scheme's default port: the absolute-form target's authority on a plain connection
    /// (the Host header of a proxy request is the client's business), the Host header (or the CONNECT's host) inside a tunnel.
    /// </summary>
    private static string TargetHost(HttpContext context, string scheme, string? tunnelHost)
    {
        var method = context.Request.Method;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? string.Empty;
        string authority;
        if (target.StartsWith('/') && tunnelHost is not null)
        {
            authority = context.Request.Host.HasValue && context.Request.Host.Value.Length > 0 ? context.Request.Host.Value : tunnelHost;
        }
        else if (Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme == scheme && absolute.UserInfo.Length == 0)
        {
            authority = absolute.IsDefaultPort ? absolute.Host : $"{absolute.Host}:{absolute.Port}";
        }
        else if (tunnelHost is null && target.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            throw new ProxyRefusal(400, $"'{method} {target}': send HTTPS through a CONNECT tunnel (CONNECT host:443), not as a plain proxy request.");
        }
        else if (tunnelHost is null)
        {
            throw new ProxyRefusal(400, $"'{method} {target}' is not a proxy request: send absolute-form requests (GET http://serverless.twilio.com/v1/Services) or CONNECT serverless.twilio.com:443 here, or use the fake's API port directly.");
        }
        else
        {
            throw new ProxyRefusal(400, $"Unsupported request target '{target}' for {method}.");
        }

        if (!ProxyHosts.TrySplitAuthority(authority, 0, out var hostName, out var port) || !ProxyHosts.IsServed(hostName))
        {
            throw new ProxyRefusal(403, $"{method} {scheme}://{authority} refused: {ProxyHosts.Refusal}");
        }

        return port == 0 || port == (tunnelHost is null ? 80 : 443) ? hostName : $"{hostName}:{port}";
    }

    private static async Task RefuseAsync(HttpContext context, ProxyRefusal refusal)
    {
        var body = System.Text.Encoding.UTF8.GetBytes("FakeServerless proxy: " + refusal.Message + "\n");
        context.Response.StatusCode = refusal.Status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.ContentLength = body.Length;
        context.Response.Headers.Connection = "close";
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
