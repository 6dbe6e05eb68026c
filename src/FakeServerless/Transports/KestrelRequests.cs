using FakeServerless.Engine;
using FakeServerless.Messages;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace FakeServerless.Transports;

/// <summary>
/// Kestrel's side of the <see cref="FrontDoor"/>, for the transports Kestrel serves (the WireMock port, the proxy): a request's
/// <see cref="HttpContext"/> as an <see cref="IncomingRequest"/>, and an answer written back to it.
/// </summary>
internal static class KestrelRequests
{
    /// <summary>
    /// The request of <paramref name="context"/>, with Kestrel's own body limits set to the front door's: the size limit, and no
    /// minimum rate (the front door's applies, so every transport answers a slow body alike). <paramref name="scheme"/> and <paramref name="host"/> replace the
    /// context's when a transport knows better (inside the proxy's tunnel); <paramref name="adjustHeaders"/> edits the header copy.
    /// </summary>
    public static IncomingRequest Describe(FrontDoor frontDoor, HttpContext context, string transport, string? scheme = null, string? host = null, Action<Dictionary<string, string>>? adjustHeaders = null)
    {
        var request = context.Request;
        var canHaveBody = context.Features.Get<IHttpRequestBodyDetectionFeature>() is not { CanHaveBody: false };
        if (canHaveBody)
        {
            var limit = frontDoor.Engine.MaxBodyBytes(request.Method, request.Path.ToUriComponent(), EngineRequest.HostNameOf(host ?? request.Host.Value ?? string.Empty), request.ContentType, request.Headers.Authorization);
            var waitsToSend = request.Headers.Expect.ToString().Contains("100-continue", StringComparison.OrdinalIgnoreCase);
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size && (request.ContentLength is not { } declared || declared <= limit || waitsToSend))
            {
                // Kestrel's cap becomes the front door's, so Kestrel never refuses a body the fake accepts. A body declared too
                // large keeps Kestrel's own cap: within it Kestrel reads the rest after the 413 (for up to 5 s), so a client still
                // sending sees the answer instead of a reset; a client waiting for 100-continue sends nothing, and is closed at once.
                size.MaxRequestBodySize = limit;
            }

            if (context.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
            {
                rate.MinDataRate = null;
            }
        }

        var headers = new Dictionary<string, string>(request.Headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = values.Count == 1 ? values[0]! : values.ToString(); // one value: no new string
        }

        adjustHeaders?.Invoke(headers);

        return new IncomingRequest
        {
            Method = request.Method,
            Scheme = scheme ?? request.Scheme,
            Host = host ?? request.Host.Value ?? string.Empty,
            Path = request.Path.HasValue ? request.Path.ToUriComponent() : "/",
            Query = request.QueryString.Value ?? string.Empty,
            Headers = headers,
            ContentType = request.ContentType,
            ContentLength = request.ContentLength,
            Body = canHaveBody ? request.Body : null,
            LocalAddress = context.Connection.LocalIpAddress,
            LocalPort = context.Connection.LocalPort,
            Transport = transport,
        };
    }

    /// <summary>
    /// Writes <paramref name="response"/> (already made writable by the front door) as the answer; a dropped connection aborts it.
    /// A client gone while the answer is written is not an error: the answer is journaled all the same.
    /// </summary>
    public static async Task WriteAsync(HttpContext context, EngineResponse response)
    {
        if (response.DropConnection || context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        var answer = context.Response;
        answer.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            answer.Headers[name] = value;
        }

        if (response.ContentType is not null)
        {
            answer.ContentType = response.ContentType;
        }

        answer.ContentLength = response.Body.Length;
        if (response.Body.Length == 0 || HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        try
        {
            await answer.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // The client is gone.
        }
    }
}
