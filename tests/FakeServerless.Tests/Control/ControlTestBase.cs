using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Twilio.Clients;
using Twilio.Http;
using SystemHttpClient = System.Net.Http.HttpClient;

namespace FakeServerless.Tests.Control;

/// <summary>
/// A fresh fake per test with the control API on, on a real port; <see cref="Control"/> is a plain HttpClient aimed at its
/// URL (as a Node or Python client would be), and <see cref="Twilio"/> the SDK wired to the same fake.
/// </summary>
[Parallelizable(ParallelScope.All)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public abstract class ControlTestBase : IDisposable
{
    private FakeServerlessServer? _fake;
    private SystemHttpClient? _control;
    private TwilioRestClient? _twilio;

    protected FakeServerlessServer Fake => _fake ??= FakeServerlessServer.Start(Configure(new FakeServerlessOptions { EnableControlApi = true }));

    /// <summary>A plain client on the fake's URL, no credentials.</summary>
    protected SystemHttpClient Control => _control ??= new SystemHttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = Fake.Url };

    protected TwilioRestClient Twilio => _twilio ??= new TwilioRestClient(Fake.AccountSid, Fake.AuthToken, httpClient: new SystemNetHttpClient(Fake.CreateHttpClient()));

    protected virtual FakeServerlessOptions Configure(FakeServerlessOptions options) => options;

    protected static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    protected Task<HttpResponseMessage> PostAsync(string path, string json) => Control.PostAsync(path, Json(json));

    protected Task<HttpResponseMessage> PutAsync(string path, string json) => Control.PutAsync(path, Json(json));

    /// <summary>Reads a JSON answer, asserting its status first (the body is in the failure message).</summary>
    protected static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response, int expectedStatus)
    {
        var raw = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(expectedStatus), raw);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"), raw);
        return JsonNode.Parse(raw)!;
    }

    protected async Task<JsonNode> GetJsonAsync(string path, int expectedStatus = 200) =>
        await ReadJsonAsync(await Control.GetAsync(path), expectedStatus);

    /// <summary>A raw Twilio API client with Basic auth for <paramref name="accountSid"/> (default: the fake's account).</summary>
    protected SystemHttpClient TwilioHttp(string? accountSid = null)
    {
        var client = Fake.CreateHttpClient();
        client.BaseAddress = new Uri("https://serverless.twilio.com");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{accountSid ?? Fake.AccountSid}:{Fake.AuthToken}")));
        return client;
    }

    public void Dispose()
    {
        _control?.Dispose();
        _fake?.Dispose();
        GC.SuppressFinalize(this);
    }
}
