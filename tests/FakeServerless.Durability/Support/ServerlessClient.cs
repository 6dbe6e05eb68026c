using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace FakeServerless.Durability.Support;

/// <summary>Raw HTTP calls to the Serverless API, as a script would make them; every call returns the answer's JSON.</summary>
public sealed class ServerlessClient(HttpClient http, Uri baseUrl, string accountSid = "AC00000000000000000000000000000001")
{
    public HttpClient Http { get; } = Configure(http, accountSid);

    public async Task<string> CreateServiceAsync(string uniqueName) =>
        Sid(await SendAsync(HttpMethod.Post, "Services", Form(("UniqueName", uniqueName), ("FriendlyName", uniqueName))));

    public async Task<string> CreateEnvironmentAsync(string serviceSid, string uniqueName) =>
        Sid(await SendAsync(HttpMethod.Post, $"Services/{serviceSid}/Environments", Form(("UniqueName", uniqueName), ("DomainSuffix", uniqueName))));

    public async Task<string> CreateVariableAsync(string serviceSid, string environmentSid, string key, string value) =>
        Sid(await SendAsync(HttpMethod.Post, $"Services/{serviceSid}/Environments/{environmentSid}/Variables", Form(("Key", key), ("Value", value))));

    public async Task<string> CreateFunctionVersionAsync(string serviceSid, string path)
    {
        var function = Sid(await SendAsync(HttpMethod.Post, $"Services/{serviceSid}/Functions", Form(("FriendlyName", path.Trim('/')))));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(path), "Path" },
            { new StringContent("public"), "Visibility" },
        };
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("exports.handler = (c, e, cb) => cb(null, 'hi');"));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/javascript");
        form.Add(content, "Content", "function.js");
        return Sid(await SendAsync(HttpMethod.Post, $"Services/{serviceSid}/Functions/{function}/Versions", form));
    }

    public async Task<string> CreateBuildAsync(string serviceSid, string functionVersionSid) =>
        Sid(await SendAsync(HttpMethod.Post, $"Services/{serviceSid}/Builds", Form(("FunctionVersions", functionVersionSid))));

    /// <summary>Deploys <paramref name="buildSid"/>, or clears the environment when it is null.</summary>
    public async Task<string> DeployAsync(string serviceSid, string environmentSid, string? buildSid) =>
        Sid(await SendAsync(HttpMethod.Post, $"Services/{serviceSid}/Environments/{environmentSid}/Deployments", buildSid is null ? Form() : Form(("BuildSid", buildSid))));

    /// <summary>GET <paramref name="path"/> (relative to /v1/): the JSON, or null for a 404.</summary>
    public async Task<JsonElement?> GetAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(baseUrl, "v1/" + path));
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"GET {path} answered {(int)response.StatusCode}: {body}", null, response.StatusCode);
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The raw body of GET <paramref name="path"/>, to compare answers byte for byte.</summary>
    public Task<string> GetTextAsync(string path) => Http.GetStringAsync(new Uri(baseUrl, "v1/" + path));

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseUrl, "v1/" + path)) { Content = content };
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{method} {path} answered {(int)response.StatusCode}: {body}", null, response.StatusCode);
        }

        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static string Sid(JsonElement json) => json.GetProperty("sid").GetString()!;

    private static HttpClient Configure(HttpClient http, string accountSid)
    {
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{accountSid}:fake-auth-token")));
        return http;
    }
}
