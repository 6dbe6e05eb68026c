using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace FakeServerless.Reliability.Support;

/// <summary>Raw control API requests to a fake's port, as any tool (or a hostile page) would send them; every answer is checked Twilio-shaped.</summary>
internal sealed class ControlClient(Uri url, string? bearer = null) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(120) };

    public sealed record Answer(int Status, string Body, HttpResponseMessage Response)
    {
        public string Field(string name) => JsonDocument.Parse(Body).RootElement.GetProperty(name).ToString();
    }

    /// <summary>Sends a request; <paramref name="json"/> goes as <paramref name="contentType"/> (default application/json).</summary>
    public async Task<Answer> SendAsync(
        HttpMethod method, string path, string? json = null, string? host = null, string? contentType = "application/json", params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        if (json is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var isPage = path.TrimEnd('/').Equals("/_fake", StringComparison.Ordinal);
        var isDomain = host is not null && host.TrimEnd('.').EndsWith(".twil.io", StringComparison.OrdinalIgnoreCase); // an environment's site, not the API
        TwilioShape.Check($"{method} {path}", (int)response.StatusCode, body, method == HttpMethod.Head, isApiHost: !isPage && !isDomain);
        return new Answer((int)response.StatusCode, body, response);
    }

    public Task<Answer> GetAsync(string path, string? host = null) => SendAsync(HttpMethod.Get, path, host: host);

    public Task<Answer> PostAsync(string path, string? json = null) => SendAsync(HttpMethod.Post, path, json);

    public Task<Answer> PutAsync(string path, string json) => SendAsync(HttpMethod.Put, path, json);

    public void Dispose() => _http.Dispose();
}
