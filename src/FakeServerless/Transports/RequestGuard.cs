using FakeServerless.Engine;
using FakeServerless.Messages;
using Microsoft.AspNetCore.Http;

namespace FakeServerless.Transports;

/// <summary>
/// The WireMock port's way into the <see cref="FrontDoor"/>: a middleware in front of WireMock that hands each request to the front
/// door before WireMock sees it. A refusal is answered here (Twilio-shaped and journaled, never WireMock's serialized-exception
/// 500); an admitted request, with the body the front door read, is kept for the catch-all mapping's callback. WireMock's own
/// request log gets the body truncated.
/// </summary>
internal sealed class RequestGuard(FrontDoor frontDoor)
{
    private static readonly AsyncLocal<PortRequest?> Current = new();

    /// <summary>The request being answered on this flow: its context, and what the front door admitted.</summary>
    public static PortRequest? CurrentRequest => Current.Value;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var current = new PortRequest(context);
        Current.Value = current;
        var incoming = KestrelRequests.Describe(frontDoor, context, "http");
        if (WireMockTransport.SafeQuery(context.Request.QueryString.Value) is { } safe)
        {
            context.Request.QueryString = new QueryString(safe); // for WireMock's parser only: the engine reads the query as sent
        }

        Admission admission;
        try
        {
            admission = await frontDoor.AdmitAsync(incoming, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException && context.RequestAborted.IsCancellationRequested)
        {
            return; // the client went away while sending: nobody to answer
        }

        if (admission.Refusal is { } refusal)
        {
            await KestrelRequests.WriteAsync(context, refusal).ConfigureAwait(false);
            return;
        }

        var admitted = admission.Request!;
        current.Admitted = admitted;
        if (!string.Equals(context.Request.Host.Value, admitted.Host, StringComparison.Ordinal))
        {
            context.Request.Host = new HostString(admitted.Host); // the front door's default for a missing Host: WireMock needs one too
        }
        if (incoming.Body is not null)
        {
            var body = admitted.Body;
            var logged = body.Length <= LogText.MaxValueChars
                ? body
                : [.. body.AsSpan(0, LogText.MaxValueChars), .. System.Text.Encoding.UTF8.GetBytes(LogText.Marker(body.Length - LogText.MaxValueChars))];
            context.Request.Body = new MemoryStream(logged, writable: false);
            context.Request.ContentLength = logged.Length;
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>One request on the port, from the middleware to WireMock's callback.</summary>
    internal sealed class PortRequest(HttpContext context)
    {
        public HttpContext Context { get; } = context;

        /// <summary>The engine's request as the front door admitted it (headers, query and body as sent).</summary>
        public EngineRequest? Admitted { get; set; }
    }
}
