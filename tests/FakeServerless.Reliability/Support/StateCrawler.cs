using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FakeServerless.Reliability.Support;

/// <summary>
/// Calls every read of the API on whatever a fake holds — services, environments, variables, deployments, logs, functions, assets,
/// versions and their content, builds and their status, each environment's domain (every live path) — then a few writes (a
/// service, an environment, a build, a deployment and a clear), for every account of a state; and the control API's reads.
/// Collects every answer of 500 or above, and every error that is not Twilio-shaped.
/// </summary>
internal sealed class StateCrawler(Uri fake)
{
    private readonly List<string> _failures = [];

    public IReadOnlyList<string> Failures => _failures;

    /// <summary>Crawls every account named in <paramref name="stateJson"/> (an exported state), and the control API.</summary>
    public async Task CrawlAsync(string stateJson)
    {
        using var control = new HttpClient { BaseAddress = fake, Timeout = TimeSpan.FromSeconds(60) };
        await CheckAsync(control, HttpMethod.Get, "/_fake/state", isApi: true);
        await CheckAsync(control, HttpMethod.Get, "/_fake/keys", isApi: true);
        await CheckAsync(control, HttpMethod.Get, "/_fake/", isApi: false);
        foreach (var account in AccountsOf(stateJson))
        {
            using var http = new HttpClient(new FakeServerless.Transports.RedirectingHandler(fake, new SocketsHttpHandler())) { Timeout = TimeSpan.FromSeconds(60) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account}:token")));
            await CrawlAccountAsync(http);
        }
    }

    private async Task CrawlAccountAsync(HttpClient http)
    {
        const string api = "https://serverless.twilio.com/v1";
        var services = await ListAsync(http, $"{api}/Services", "services");
        foreach (var service in services)
        {
            var s = $"{api}/Services/{service}";
            await CheckAsync(http, HttpMethod.Get, s);
            string? liveBuildFunctionVersion = null;
            foreach (var function in await ListAsync(http, $"{s}/Functions", "functions"))
            {
                await CheckAsync(http, HttpMethod.Get, $"{s}/Functions/{function}");
                foreach (var version in await ListAsync(http, $"{s}/Functions/{function}/Versions", "function_versions"))
                {
                    liveBuildFunctionVersion ??= version;
                    await CheckAsync(http, HttpMethod.Get, $"{s}/Functions/{function}/Versions/{version}");
                    await CheckAsync(http, HttpMethod.Get, $"{s}/Functions/{function}/Versions/{version}/Content");
                }
            }

            foreach (var asset in await ListAsync(http, $"{s}/Assets", "assets"))
            {
                await CheckAsync(http, HttpMethod.Get, $"{s}/Assets/{asset}");
                foreach (var version in await ListAsync(http, $"{s}/Assets/{asset}/Versions", "asset_versions"))
                {
                    await CheckAsync(http, HttpMethod.Get, $"{s}/Assets/{asset}/Versions/{version}");
                }
            }

            foreach (var build in await ListAsync(http, $"{s}/Builds", "builds"))
            {
                await CheckAsync(http, HttpMethod.Get, $"{s}/Builds/{build}");
                await CheckAsync(http, HttpMethod.Get, $"{s}/Builds/{build}/Status");
            }

            var environments = await ListAsync(http, $"{s}/Environments", "environments");
            foreach (var environment in environments)
            {
                var e = $"{s}/Environments/{environment}";
                var (_, body) = await CheckAsync(http, HttpMethod.Get, e);
                foreach (var variable in await ListAsync(http, $"{e}/Variables", "variables"))
                {
                    await CheckAsync(http, HttpMethod.Get, $"{e}/Variables/{variable}");
                }

                foreach (var deployment in await ListAsync(http, $"{e}/Deployments", "deployments"))
                {
                    await CheckAsync(http, HttpMethod.Get, $"{e}/Deployments/{deployment}");
                }

                foreach (var log in await ListAsync(http, $"{e}/Logs", "logs"))
                {
                    await CheckAsync(http, HttpMethod.Get, $"{e}/Logs/{log}");
                }

                if (Field(body, "domain_name") is { } domain && Uri.CheckHostName(domain) == UriHostNameType.Dns)
                {
                    await CheckAsync(http, HttpMethod.Get, $"https://{domain}/", isApi: false);
                    if (Field(body, "build_sid") is { } live)
                    {
                        var (_, buildBody) = await CheckAsync(http, HttpMethod.Get, $"{s}/Builds/{live}");
                        foreach (var path in PathsOf(buildBody))
                        {
                            await CheckAsync(http, HttpMethod.Post, $"https://{domain}{path}", isApi: false);
                        }
                    }
                }
            }

            // Writes on whatever is there: a new environment, a build of a version, a deployment of it and a clear.
            await CheckAsync(http, HttpMethod.Post, $"{s}/Environments", form: [("UniqueName", "crawler"), ("DomainSuffix", "crawl")]);
            await CheckAsync(http, HttpMethod.Post, $"{s}/Functions", form: [("FriendlyName", "crawled")]);
            if (liveBuildFunctionVersion is not null)
            {
                var (status, build) = await CheckAsync(http, HttpMethod.Post, $"{s}/Builds", form: [("FunctionVersions", liveBuildFunctionVersion)]);
                if (status == 201 && Field(build, "sid") is { } buildSid && environments.Count > 0)
                {
                    await CheckAsync(http, HttpMethod.Get, $"{s}/Builds/{buildSid}/Status");
                    await CheckAsync(http, HttpMethod.Post, $"{s}/Environments/{environments[0]}/Deployments", form: [("BuildSid", buildSid)]);
                    await CheckAsync(http, HttpMethod.Post, $"{s}/Environments/{environments[0]}/Deployments", form: []);
                    await CheckAsync(http, HttpMethod.Delete, $"{s}/Builds/{buildSid}");
                }
            }
        }

        await CheckAsync(http, HttpMethod.Post, $"{api}/Services", form: [("UniqueName", "crawler-" + Guid.NewGuid().ToString("N")[..8]), ("FriendlyName", "Crawler")]);
    }

    private async Task<List<string>> ListAsync(HttpClient http, string url, string key)
    {
        var sids = new List<string>();
        string? next = $"{url}?PageSize=50";
        for (var page = 0; next is not null && page < 20; page++)
        {
            var (status, body) = await CheckAsync(http, HttpMethod.Get, next);
            if (status != 200)
            {
                break;
            }

            try
            {
                using var document = JsonDocument.Parse(body);
                sids.AddRange(document.RootElement.GetProperty(key).EnumerateArray().Select(e => e.GetProperty("sid").GetString()!).Where(sid => sid is not null));
                next = document.RootElement.GetProperty("meta").GetProperty("next_page_url").GetString();
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                _failures.Add($"GET {next}: a list that is not a Twilio page: {Short(body)}");
                break;
            }
        }

        return sids;
    }

    private async Task<(int Status, string Body)> CheckAsync(HttpClient http, HttpMethod method, string url, bool isApi = true, (string Key, string Value)[]? form = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form.Select(p => KeyValuePair.Create(p.Key, p.Value)));
        }

        try
        {
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            TwilioShape.Check($"{method} {url}", status, body, isHead: false, isApiHost: isApi);
            if (status >= 500 || (isApi && status >= 400 && !TwilioShape.IsError(body, status)))
            {
                _failures.Add($"{method} {url}: {status} {Short(body)}");
            }

            return (status, body);
        }
        catch (HttpRequestException ex)
        {
            _failures.Add($"{method} {url}: no answer ({ex.Message})");
            return (0, string.Empty);
        }
    }

    private static IEnumerable<string> AccountsOf(string stateJson)
    {
        try
        {
            return (JsonNode.Parse(stateJson)?["accounts"]?.AsArray() ?? [])
                .Select(a => (a as JsonObject)?["account_sid"] is JsonValue v && v.TryGetValue<string>(out var sid) ? sid : null)
                .Where(sid => sid is { Length: 34 } && sid.StartsWith("AC", StringComparison.Ordinal) && sid[2..].All(char.IsAsciiHexDigit))
                .Select(sid => sid!)
                .Distinct()
                .ToList();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return [];
        }
    }

    private static IEnumerable<string> PathsOf(string buildBody)
    {
        try
        {
            using var document = JsonDocument.Parse(buildBody);
            return document.RootElement.GetProperty("function_versions").EnumerateArray()
                .Concat(document.RootElement.GetProperty("asset_versions").EnumerateArray())
                .Select(v => v.GetProperty("path").GetString())
                .Where(p => p is not null && p.StartsWith('/') && Uri.IsWellFormedUriString(p, UriKind.Relative))
                .Select(p => p!)
                .Take(10)
                .ToList();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return [];
        }
    }

    private static string? Field(string json, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Short(string body) => body.Length > 300 ? body[..300] + "…" : body;
}
