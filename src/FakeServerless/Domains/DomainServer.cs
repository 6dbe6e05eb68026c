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
internal sealed class DomainServer(ServerlessStore store)
{
    private readonly ConcurrentDictionary<string, FunctionHandler> _handlers = new(StringComparer.Ordinal);

    public static bool IsDomainHost(string hostName) => hostName.EndsWith(".twil.io", StringComparison.OrdinalIgnoreCase);

    public void Map(string path, FunctionHandler handler) => _handlers[path.StartsWith('/') ? path : "/" + path] = handler;

    public void ClearHandlers() => _handlers.Clear();

    /// <param name="request">The request to the domain.</param>
    /// <param name="path">Its decoded path.</param>
    /// <param name="parameters">Its query parameters, already read by the engine; a handler's form body is added to them.</param>
    /// <param name="ct">Cancelled when the fake shuts down.</param>
    public async Task<EngineResponse> ServeAsync(EngineRequest request, string path, FormData parameters, CancellationToken ct)
    {
        if (!store.Context.Domains.TryFind(request.HostName, out var entry))
        {
            return NotFound(request.HostName, path);
        }

        var account = entry.Account;
        FunctionVersionRecord? function;
        IReadOnlyDictionary<string, string> variables;
        lock (account.Gate)
        {
            if (!TryLive(account, entry.ServiceSid, entry.EnvironmentSid, out var build, out var environment))
            {
                return NotFound(request.HostName, path);
            }

            var asset = build.AssetVersions.FirstOrDefault(a => a.Path == path)
                ?? (path == "/" ? build.AssetVersions.FirstOrDefault(a => a.Path == "/index.html") : null);
            function = build.FunctionVersions.FirstOrDefault(f => f.Path == path);
            if (function is null)
            {
                return asset is null || asset.Visibility == Visibility.Private ? NotFound(request.HostName, path)
                    : Denied(asset.Visibility, request) ?? new EngineResponse { Status = 200, Body = asset.Content.ToArray(), ContentType = asset.ContentType };
            }

            if (function.Visibility == Visibility.Private)
            {
                return NotFound(request.HostName, path);
            }

            if (Denied(function.Visibility, request) is { } denied)
            {
                return denied;
            }

            variables = environment.Variables.Items.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        }

        if (!_handlers.TryGetValue(path, out var handler))
        {
            return DefaultAnswer(function, entry.EnvironmentSid);
        }

        var console = new FunctionConsole();
        await FormParser.ParseBodyAsync(request.ContentType, request.Body, parameters).ConfigureAwait(false);

        var functionRequest = new FunctionRequest
        {
            Method = request.Method,
            Path = path,
            DomainName = request.HostName,
            EnvironmentSid = entry.EnvironmentSid,
            FunctionSid = function.FunctionSid,
            Parameters = parameters.Values.ToDictionary(p => p.Key, p => p.Value[0], StringComparer.Ordinal),
            Headers = request.Headers,
            Body = Encoding.UTF8.GetString(request.Body),
            Variables = variables,
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

        WriteLogs(account, entry.ServiceSid, entry.EnvironmentSid, function.FunctionSid, console);
        var answer = new EngineResponse { Status = response.StatusCode, Body = Encoding.UTF8.GetBytes(response.Body), ContentType = response.ContentType };
        foreach (var (name, value) in response.Headers)
        {
            answer.Headers[name] = value;
        }

        return answer;
    }

    private void WriteLogs(AccountState account, string serviceSid, string environmentSid, string functionSid, FunctionConsole console)
    {
        if (console.Lines.Count == 0)
        {
            return;
        }

        lock (account.Gate)
        {
            if (!account.Services.TryGet(serviceSid, out var service) || !service.Environments.TryGet(environmentSid, out var environment))
            {
                return; // deleted while the handler ran
            }

            var requestSid = store.Context.Sids.Next(SidPrefix.Request);
            foreach (var (level, message) in console.Lines)
            {
                account.AppendLog(environment, level, message, functionSid, requestSid);
            }
        }
    }

    private static bool TryLive(AccountState account, string serviceSid, string environmentSid, out BuildRecord build, out EnvironmentNode environment)
    {
        build = null!;
        environment = null!;
        if (!account.Services.TryGet(serviceSid, out var service) ||
            !service.Environments.TryGet(environmentSid, out environment!) ||
            environment.Record.BuildSid is not { } buildSid ||
            !service.Builds.TryGet(buildSid, out var node))
        {
            return false;
        }

        build = node.Record;
        return true;
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
