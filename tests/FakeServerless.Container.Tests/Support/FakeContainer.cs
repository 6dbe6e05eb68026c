using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Twilio.Clients;
using Twilio.Http;
using SystemHttpClient = System.Net.Http.HttpClient;

namespace FakeServerless.Container.Tests.Support;

/// <summary>One container of the image, its port 4010 published on a random 127.0.0.1 port; removed (<c>docker rm -f</c>) on dispose.</summary>
public sealed class FakeContainer : IAsyncDisposable
{
    public const string AccountSid = "AC00000000000000000000000000000001";
    public const string AuthToken = "fake-auth-token";

    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private FakeContainer(string id, Uri url)
    {
        Id = id;
        Url = url;
    }

    public string Id { get; }

    /// <summary>The published port on the host: <c>http://127.0.0.1:{random}</c>.</summary>
    public Uri Url { get; }

    /// <summary><c>docker run -d -p 127.0.0.1::4010 [runArgs] IMAGE [command]</c>, then waits for GET /_fake/health to answer status ok.</summary>
    public static async Task<FakeContainer> StartAsync(string[]? runArgs = null, string[]? command = null)
    {
        var id = await Docker.RunAsync(["run", "-d", "-p", "127.0.0.1::4010", .. runArgs ?? [], Docker.Image, .. command ?? []]);
        var container = new FakeContainer(id, await PublishedUrlAsync(id));
        try
        {
            await container.WaitUntilAnswersAsync();
        }
        catch
        {
            await container.DisposeAsync();
            throw;
        }

        return container;
    }

    /// <summary>The Twilio SDK, every request sent to this container.</summary>
    public TwilioRestClient Twilio(string accountSid = AccountSid, string authToken = AuthToken) =>
        new(accountSid, authToken, httpClient: new SystemNetHttpClient(new SystemHttpClient(new RedirectHandler(Url))));

    /// <summary>A raw client on this container with Basic auth (for the multipart upload the SDK cannot do).</summary>
    public SystemHttpClient Raw()
    {
        var client = new SystemHttpClient(new RedirectHandler(Url)) { Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}")));
        return client;
    }

    public Task<string> LogsAsync() => Docker.RunAsync("logs", Id);

    public async ValueTask DisposeAsync() => await Docker.TryRunAsync("rm", "-f", "-v", Id);

    private static async Task<Uri> PublishedUrlAsync(string id)
    {
        var mapping = (await Docker.RunAsync("port", id, "4010/tcp")).Split('\n')[0].Trim();
        var port = int.Parse(mapping[(mapping.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
        return new Uri($"http://127.0.0.1:{port}");
    }

    private async Task WaitUntilAnswersAsync()
    {
        using var http = new SystemHttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + StartTimeout;
        var last = "no answer yet";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync("/_fake/health");
                var body = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode && JsonDocument.Parse(body).RootElement.GetProperty("status").GetString() == "ok")
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {body}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
            {
                last = ex.Message;
            }

            var state = await Docker.TryRunAsync("inspect", "-f", "{{.State.Status}}", Id);
            if (state.Out != "running")
            {
                Assert.Fail($"container {Id} is {state.Out} before answering: {await LogsAsync()} {state.Error}");
            }

            await Task.Delay(100);
        }

        Assert.Fail($"container {Id} did not answer GET /_fake/health with status ok within {StartTimeout}: {last}\n{await LogsAsync()}");
    }
}
