using FakeServerless.Routing;
using FakeServerless.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace FakeServerless.Transports;

/// <summary>
/// The middleware in front of WireMock: everything WireMock would otherwise answer with its own serialized-exception 500 is
/// answered here, Twilio-shaped and journaled through the engine. A missing or empty Host is replaced by the address the request
/// came in on; a Host no URL can hold gets a 400; a body over the size limit gets a 413 (from Content-Length before reading, or
/// while streaming); a body sent slower than Kestrel's minimum rate gets Kestrel's status (408). The body is read here, at most
/// up to the limit, handed to the engine whole and to WireMock (whose request log keeps it) truncated.
/// </summary>
internal sealed class RequestGuard(ServerlessEngine engine)
{
    private static readonly object BodyKey = new();

    private volatile string? _lastUsableHost;

    /// <summary>The body the guard read for <paramref name="context"/>, untruncated; null when it read none.</summary>
    public static byte[]? BodyOf(HttpContext? context) => context?.Items.TryGetValue(BodyKey, out var body) == true ? body as byte[] : null;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        EngineResponse? rejection;
        try
        {
            rejection = await CheckAsync(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex)
        {
            // Kestrel's own verdict on the body (408: too slow, 413: over the limit, 400: malformed chunking).
            rejection = ex.StatusCode == 413
                ? BodyLimit.TooLarge(engine.Options.MaxUploadBodyBytes, context.Request.ContentLength)
                : EngineResponse.Error(ex.StatusCode, ex.StatusCode == 408 ? 20408 : 20001, Reason(ex.StatusCode));
            rejection.Headers["Connection"] = "close";
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            return; // the client went away while sending: nobody to answer
        }

        if (rejection is not null)
        {
            await WriteAsync(context, engine.Reject(Describe(context), rejection)).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private async Task<EngineResponse?> CheckAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Host.HasValue || string.IsNullOrWhiteSpace(request.Host.Value))
        {
            // HTTP/1.0 without Host, or an empty Host: answer as the address the client connected to.
            request.Host = new HostString(FormattableString.Invariant($"{context.Connection.LocalIpAddress}:{context.Connection.LocalPort}"));
        }
        else if (!IsUsableHost(request.Host.Value))
        {
            return EngineResponse.Error(400, 20001, "Bad Request: the Host header is not a valid host name.");
        }

        var limit = BodyLimit.For(request.Method, request.Path.ToUriComponent(), request.Host.Host, request.ContentType, request.Headers.Authorization, engine.Options);
        if (request.ContentLength > limit)
        {
            return BodyLimit.TooLarge(limit, request.ContentLength);
        }

        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return null;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        if (await BodyLimit.ReadAsync(request.Body, limit, request.ContentLength, context.RequestAborted).ConfigureAwait(false) is not { } body)
        {
            return BodyLimit.TooLarge(limit, request.ContentLength);
        }

        context.Items[BodyKey] = body;
        var logged = body.Length <= LogText.MaxValueChars
            ? body
            : [.. body.AsSpan(0, LogText.MaxValueChars), .. System.Text.Encoding.UTF8.GetBytes(LogText.Marker(body.Length - LogText.MaxValueChars))];
        request.Body = new MemoryStream(logged, writable: false);
        request.ContentLength = logged.Length;
        return null;
    }

    /// <summary>Whether a URL can hold <paramref name="host"/>; the last usable one is remembered (clients send the same Host every time).</summary>
    private bool IsUsableHost(string host)
    {
        if (string.Equals(host, _lastUsableHost, StringComparison.Ordinal))
        {
            return true;
        }

        if (!Uri.TryCreate($"http://{host}/", UriKind.Absolute, out _))
        {
            return false;
        }

        _lastUsableHost = host;
        return true;
    }

    private static EngineRequest Describe(HttpContext context) =>
        new()
        {
            Method = context.Request.Method,
            Scheme = context.Request.Scheme,
            Host = context.Request.Host.Value ?? string.Empty,
            Path = context.Request.Path.ToUriComponent(),
            Query = context.Request.QueryString.Value ?? string.Empty,
            ContentType = context.Request.ContentType,
            Transport = "http",
        };

    private static async Task WriteAsync(HttpContext context, EngineResponse response)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            if (HeaderText.IsWritable(name, value))
            {
                context.Response.Headers[name] = value;
            }
        }

        context.Response.ContentType = response.WireContentType;
        context.Response.ContentLength = response.Body.Length;
        try
        {
            await context.Response.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // The client is gone; the answer is journaled all the same.
        }
    }

    private static string Reason(int status) => status switch
    {
        408 => "Request Timeout: the request body was sent slower than the server's minimum data rate.",
        _ => "Bad Request: the request could not be read.",
    };
}
