using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using FakeServerless.Routing;
using FakeServerless.State;
using FakeServerless.Wire;

namespace FakeServerless.Domains;

/// <summary>
/// Answers requests whose Host is an environment's <c>domain_name</c> from what that environment has live: assets with their
/// bytes and content type, functions by a registered <see cref="FunctionHandler"/> or a default JSON answer.
/// </summary>
internal sealed class DomainServer(ServerlessBackend backend)
{
    private readonly ConcurrentDictionary<string, FunctionHandler> _handlers = new(StringComparer.Ordinal);

    /// <summary>True for <c>*.twil.io</c> in any case, with or without the root's trailing dot (<c>a.twil.io.</c>).</summary>
    public static bool IsDomainHost(ReadOnlySpan<char> hostName) => hostName.TrimEnd('.').EndsWith(".twil.io", StringComparison.OrdinalIgnoreCase);

    public void Map(string path, FunctionHandler handler) => _handlers[path.StartsWith('/') ? path : "/" + path] = handler;

    public void ClearHandlers() => _handlers.Clear();

    /// <summary>How many paths have a handler (the control API caps it).</summary>
    public int HandlerCount => _handlers.Count;

    /// <summary>Whether <paramref name="path"/> has a handler (re-posting a path replaces it).</summary>
    public bool HasHandler(string path) => _handlers.ContainsKey(path.StartsWith('/') ? path : "/" + path);

    /// <param name="request">The request to the domain.</param>
    /// <param name="path">Its decoded path.</param>
    /// <param name="parameters">Its query parameters, already read by the engine; a handler's form body is added to them.</param>
    /// <param name="ct">Cancelled when the fake shuts down.</param>
    public async Task<EngineResponse> ServeAsync(EngineRequest request, string path, FormData parameters, CancellationToken ct)
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

        if (!_handlers.TryGetValue(path, out var handler))
        {
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

        backend.WriteFunctionLogs(target.Entry, function.FunctionSid, console.Lines);
        var answer = new EngineResponse { Status = response.StatusCode, Body = Encoding.UTF8.GetBytes(response.Body), ContentType = response.ContentType };
        foreach (var (name, value) in response.Headers)
        {
            answer.Headers[name] = value;
        }

        return answer;
    }

    private static EngineResponse? Denied(Visibility visibility, EngineRequest request) =>
        visibility == Visibility.Protected && string.IsNullOrEmpty(request.Header("X-Twilio-Signature"))
            ? EngineResponse.Text(403, "Forbidden: this resource is protected and needs an X-Twilio-Signature header.")
            : null;

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
