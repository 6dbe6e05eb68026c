using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace FakeServerless.Reliability.Support;

/// <summary>Plain form requests as one account, answers read as text and JSON.</summary>
internal sealed class Api(HttpClient client, string accountSid, string authToken = "fake-auth-token", string baseUrl = Api.Base)
{
    public const string Base = "https://serverless.twilio.com/v1";

    public string AccountSid => accountSid;

    /// <summary>Where relative URLs go: <see cref="Base"/> unless told otherwise (http:// for plain proxy requests).</summary>
    public string BaseUrl => baseUrl;

    public async Task<(int Status, string Body)> SendAsync(HttpMethod method, string url, IEnumerable<KeyValuePair<string, string>>? form = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url.StartsWith("http", StringComparison.Ordinal) ? url : baseUrl + url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{accountSid}:{authToken}")));
        request.Content = content ?? (form is null ? null : new FormUrlEncodedContent(form));
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        TwilioShape.Check($"{method} {url}", (int)response.StatusCode, body, method == HttpMethod.Head);
        return ((int)response.StatusCode, body);
    }

    public Task<(int Status, string Body)> GetAsync(string url) => SendAsync(HttpMethod.Get, url);

    public Task<(int Status, string Body)> PostAsync(string url, params (string Key, string Value)[] form) =>
        SendAsync(HttpMethod.Post, url, form.Select(p => KeyValuePair.Create(p.Key, p.Value)));

    public Task<(int Status, string Body)> DeleteAsync(string url) => SendAsync(HttpMethod.Delete, url);

    /// <summary>POSTs and requires 201; returns the new resource's <c>sid</c>.</summary>
    public async Task<string> CreateAsync(string url, params (string Key, string Value)[] form)
    {
        var (status, body) = await PostAsync(url, form);
        Assert.That(status, Is.EqualTo(201), $"POST {url}: {body}");
        return Field(body, "sid");
    }

    /// <summary>Uploads a function version (multipart, as the toolkit does); returns its sid.</summary>
    public async Task<string> UploadFunctionVersionAsync(string serviceSid, string functionSid, string path, string code)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(path), "Path" },
            { new StringContent("public"), "Visibility" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(code));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/javascript");
        form.Add(file, "Content", "function.js");
        var (status, body) = await SendAsync(HttpMethod.Post, $"https://serverless-upload.twilio.com/v1/Services/{serviceSid}/Functions/{functionSid}/Versions", content: form);
        Assert.That(status, Is.EqualTo(201), body);
        return Field(body, "sid");
    }

    /// <summary>Every item of a list, following <c>next_page_url</c>.</summary>
    public async Task<List<JsonElement>> ListAllAsync(string path, string key)
    {
        var items = new List<JsonElement>();
        string? url = $"{path}?PageSize=1000";
        while (url is not null)
        {
            var (status, body) = await GetAsync(url);
            Assert.That(status, Is.EqualTo(200), $"GET {url}: {body}");
            using var document = JsonDocument.Parse(body);
            items.AddRange(document.RootElement.GetProperty(key).EnumerateArray().Select(e => e.Clone()));
            url = document.RootElement.GetProperty("meta").GetProperty("next_page_url").GetString();
        }

        return items;
    }

    public static string Field(string json, string name)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty(name).ToString();
    }
}
