using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FakeServerless.Cli.Parsing;

namespace FakeServerless.Cli.Commands;

/// <summary>
/// <c>fake-serverless health</c>: asks a running fake <c>GET /_fake/health</c> and exits 0 when it answers 200 with status ok, else 1
/// with a one-line reason on stderr (Docker's HEALTHCHECK convention: 0 healthy, 1 unhealthy). Needs no curl in a container image.
/// </summary>
internal sealed class HealthCommand : Command
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private readonly Func<string, string?> _environment;

    public HealthCommand(Func<string, string?> environment)
        : base("health", "Check that a running fake answers GET /_fake/health with status ok (exit 0), else exit 1 with the reason.")
    {
        _environment = environment;
        Options.Add(Url);
        Options.Add(ControlToken);
        SetAction((result, cancellationToken) => RunAsync(result, cancellationToken));
    }

    public Option<Uri?> Url { get; } = new("--url")
    {
        Description = $"The fake's base URL. [default: http://127.0.0.1:<FAKESERVERLESS_PORT or {ServeOptions.DefaultPort}>]", HelpName = "url",
        CustomParser = ValueParsers.HttpUrl,
    };

    public Option<string?> ControlToken { get; } = new("--control-token")
    {
        Description = "Sent as 'Authorization: Bearer <token>' when the fake's control API requires a token.", HelpName = "token",
    };

    /// <summary>Where the fake started in this environment listens: its FAKESERVERLESS_HOST (loopback for a wildcard) and FAKESERVERLESS_PORT.</summary>
    internal Uri DefaultUrl()
    {
        var port = int.TryParse(_environment(EnvironmentOptions.Prefix + "PORT"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 65535
            ? p
            : ServeOptions.DefaultPort;
        var host = IPAddress.TryParse(_environment(EnvironmentOptions.Prefix + "HOST"), out var h) ? h : IPAddress.Loopback;
        host = IPAddress.Any.Equals(host) ? IPAddress.Loopback : IPAddress.IPv6Any.Equals(host) ? IPAddress.IPv6Loopback : host;
        return new Uri(ValueParsers.UrlOf(host, port));
    }

    private async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var url = new Uri((result.GetValue(Url) ?? DefaultUrl()).GetLeftPart(UriPartial.Path).TrimEnd('/') + "/_fake/health");
        var (healthy, message) = await CheckAsync(url, result.GetValue(ControlToken), cancellationToken).ConfigureAwait(false);
        var writer = healthy ? result.InvocationConfiguration.Output : result.InvocationConfiguration.Error;
        await writer.WriteLineAsync(message).ConfigureAwait(false);
        await writer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return healthy ? CliRunner.Ok : CliRunner.Unhealthy;
    }

    private static async Task<(bool Healthy, string Message)> CheckAsync(Uri url, string? token, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = RequestTimeout };
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var (status, reason) = StatusOf(body);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                // A durable fake that cannot write answers 503 "degraded" with the reason: say it.
                var why = status is null ? string.Empty : $" (status {status}{(reason is null ? string.Empty : ": " + reason)})";
                return (false, $"unhealthy: GET {url} answered {(int)response.StatusCode} {response.ReasonPhrase}{why}");
            }

            return status == "ok" ? (true, $"healthy: {url}") : (false, $"unhealthy: GET {url} answered 200 with status {status ?? "missing"}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var reason = ex is TaskCanceledException ? $"no answer within {RequestTimeout.TotalSeconds:0} s" : ex.Message;
            return (false, $"unhealthy: cannot reach {url}: {reason}");
        }
    }

    /// <summary>The health answer's <c>status</c> and <c>reason</c> strings, each null when missing.</summary>
    private static (string? Status, string? Reason) StatusOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                ? (StringOf(json.RootElement, "status"), StringOf(json.RootElement, "reason"))
                : default;
        }
        catch (JsonException)
        {
            return default;
        }

        static string? StringOf(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
