using System.Text;
using System.Text.Json;
using FakeServerless.Changes;
using FakeServerless.Changes.Commands;
using FakeServerless.Messages;
using FakeServerless.State;
using FakeServerless.Wire;

namespace FakeServerless.Domains;

/// <summary>
/// Answers requests whose Host is an environment's <c>domain_name</c> from what that environment has live: assets with their
/// bytes and content type, functions by a registered <see cref="FunctionHandler"/> or a default JSON answer.
/// </summary>
/// <param name="backend">The state, read without the write path's gate.</param>
/// <param name="writer">The write path: what a function prints becomes log records through it.</param>
internal sealed class DomainServer(ServerlessBackend backend, StateWriter writer)
{
    private readonly FunctionHandlers _handlers = new();

    /// <summary>Node mode: runs a live function that no C# handler or canned answer takes. Null in Handlers mode.</summary>
    public ILiveFunctions? Node { get; set; }

    /// <summary>True for <c>*.twil.io</c> in any case, with or without the root's trailing dot (<c>a.twil.io.</c>).</summary>
    public static bool IsDomainHost(ReadOnlySpan<char> hostName) => hostName.TrimEnd('.').EndsWith(".twil.io", StringComparison.OrdinalIgnoreCase);

    public void Map(FunctionScope scope, string path, FunctionHandler handler) => _handlers.Map(scope, path, handler);

    public void ClearHandlers() => _handlers.Clear();

    /// <summary>How many handlers there are, over every scope and path (the control API caps it).</summary>
    public int HandlerCount => _handlers.Count;

    /// <summary>Whether <paramref name="path"/> has a handler for exactly <paramref name="scope"/> (re-posting it replaces it).</summary>
    public bool HasHandler(FunctionScope scope, string path) => _handlers.Contains(scope, path);

    /// <summary>Forgets the handlers of one account: scoped to it, its environments or its domains (before its state goes).</summary>
    public void ForgetHandlersOf(string accountSid) =>
        _handlers.Forget(accountSid, scope => scope.Kind == FunctionScopeKind.Domain ? backend.DomainOwner(scope.Key) : backend.FindEnvironment(scope.Key)?.AccountSid);

    /// <param name="request">The request to the domain.</param>
    /// <param name="path">Its decoded path.</param>
    /// <param name="parameters">Its query parameters, already read by the engine; a handler's form body is added to them.</param>
    /// <param name="ct">Cancelled when the fake shuts down.</param>
    public async Task<EngineResponse> ServeAsync(EngineRequest request, string path, FormData parameters, CancellationToken ct)
    {
        DomainTarget? runInNode = null;
        var served = await ServeFromStateAsync(request, path, parameters, t => runInNode = t, ct).ConfigureAwait(false);
        return runInNode is null ? served : await Node!.InvokeAsync(request, runInNode, ct).ConfigureAwait(false);
    }

    /// <summary>Checks first (visibility, signature), then a C# handler or canned answer; a function left for Node goes to <paramref name="runInNode"/>.</summary>
    private async Task<EngineResponse> ServeFromStateAsync(EngineRequest request, string path, FormData parameters, Action<DomainTarget> runInNode, CancellationToken ct)
    {
        if (backend.ResolveDomain(request.HostName, path) is not { } target)
        {
            return NotFound(request.HostName, path);
        }

        if (target.Function is not { } function)
        {
            return target.Asset is not { } asset || asset.Visibility == Visibility.Private ? NotFound(request.HostName, path)
                : Denied(asset.Visibility, request) ?? new EngineResponse { Status = 200, Body = asset.Content.ToArray(), ContentType = HeaderText.ServedContentType(asset.ContentType) };
        }

        if (function.Visibility == Visibility.Private)
        {
            return NotFound(request.HostName, path);
        }

        if (Denied(function.Visibility, request) is { } denied)
        {
            return denied;
        }

        if (_handlers.Find(target.Entry, request.HostName, path) is not { } handler)
        {
            if (Node is not null)
            {
                runInNode(target);
                return null!; // answered by Node
            }

            return DefaultAnswer(function, target.Entry.EnvironmentSid);
        }

        var console = new FunctionConsole();
        await FormParser.ParseBodyAsync(request.ContentType, request.Body, parameters).ConfigureAwait(false);

        var functionRequest = new FunctionRequest
        {
            Method = request.Method,
            Path = path,
            DomainName = request.HostName,
            EnvironmentSid = target.Entry.EnvironmentSid,
            FunctionSid = function.FunctionSid,
            Parameters = parameters.Values.ToDictionary(p => p.Key, p => p.Value[0], StringComparer.Ordinal),
            Headers = request.Headers,
            Body = Encoding.UTF8.GetString(request.Body),
            Variables = target.Variables,
        };

        FunctionResponse response;
        try
        {
            response = await handler(functionRequest, console, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            console.Error(ex.ToString());
            response = new FunctionResponse { StatusCode = 500, Body = "Error - " + ex.Message };
        }

        if (console.Lines.Count > 0)
        {
            var entry = target.Entry;
            try
            {
                await writer.ApplyAsync(new WriteFunctionLogsCommand(
                    entry.AccountSid, entry.ServiceSid, entry.EnvironmentSid, function.FunctionSid, [.. console.Lines.Select(l => new ConsoleLine(l.Level, l.Message))])).ConfigureAwait(false);
            }
            catch (ServerlessException ex) when (ex.Status == 503)
            {
                // The function ran and answered; only its log records could not be written (durable mode cannot write: its
                // health says why). They are not kept, so no read shows them; the caller still gets the function's answer.
            }
        }

        var answer = new EngineResponse { Status = response.StatusCode, Body = Encoding.UTF8.GetBytes(response.Body), ContentType = response.ContentType };
        foreach (var (name, value) in response.Headers)
        {
            answer.Headers[name] = value;
        }

        return answer;
    }

    /// <summary>
    /// A protected function or asset needs a valid <c>X-Twilio-Signature</c> (see <see cref="RequestSignature"/>), keyed by the
    /// fake's auth token whichever account owns the domain; without one it is 403, as Twilio's "How to Access a Protected
    /// Function From Outside of Twilio" says. The answer names the URL the signature must cover, never the signature itself.
    /// </summary>
    private EngineResponse? Denied(Visibility visibility, EngineRequest request)
    {
        if (visibility != Visibility.Protected || RequestSignature.IsValid(request, backend.SigningToken))
        {
            return null;
        }

        var why = string.IsNullOrWhiteSpace(request.Header(RequestSignature.Header))
            ? "needs an X-Twilio-Signature header"
            : "was sent an X-Twilio-Signature that does not match";
        return EngineResponse.Text(403, $"Forbidden: this resource is protected and {why}: HMAC-SHA1 with the auth token over {RequestSignature.SignedUrl(request)} and, for a form POST, its parameters sorted by name.");
    }

    private static EngineResponse DefaultAnswer(FunctionVersionRecord function, string environmentSid) =>
        EngineResponse.Json(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("fake_serverless", "No handler is registered for this path; register one with FakeServerlessServer.MapFunction.");
            w.WriteString("path", function.Path);
            w.WriteString("function_sid", function.FunctionSid);
            w.WriteString("function_version_sid", function.Sid);
            w.WriteString("environment_sid", environmentSid);
            w.WriteEndObject();
        });

    private static EngineResponse NotFound(string host, string path) =>
        EngineResponse.Text(404, $"Not Found: nothing is deployed at https://{host}{path}");
}
