using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace FakeServerless.Remote;

/// <summary>
/// Calls a fake's control API in another process: JSON bodies sent as <c>application/json</c>, the control token as Bearer, and
/// every answer that is not a success thrown as a <see cref="FakeServerlessControlException"/> with the fake's own message. Each
/// call has a synchronous form (for the members the in-process fake answers synchronously; <c>HttpClient.Send</c> blocks
/// only that caller) and an asynchronous one that never blocks a thread.
/// </summary>
internal sealed class ControlClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");

    private readonly HttpClient _http;

    public ControlClient(Uri baseAddress, string? controlToken, HttpMessageHandler? handler = null)
    {
        BaseAddress = baseAddress;
        _http = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(2),
        };
        if (controlToken is { Length: > 0 })
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", controlToken);
        }
    }

    public Uri BaseAddress { get; }

    /// <summary>Sends a request and answers its body (empty for 204); throws for anything but 2xx (and <paramref name="alsoAccept"/>).</summary>
    public byte[] Send(HttpMethod method, string path, byte[]? json = null, int alsoAccept = 0)
    {
        using var request = Request(method, path, json);
        HttpResponseMessage response;
        try
        {
            response = _http.Send(request);
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable(method, path, ex);
        }

        using (response)
        {
            using var stream = response.Content.ReadAsStream();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return (int)response.StatusCode == alsoAccept ? buffer.ToArray() : Check(response, buffer.ToArray());
        }
    }

    /// <inheritdoc cref="Send"/>
    public async Task<byte[]> SendAsync(HttpMethod method, string path, byte[]? json = null, CancellationToken cancellationToken = default)
    {
        using var request = Request(method, path, json);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw Unreachable(method, path, ex);
        }

        using (response)
        {
            return Check(response, await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false));
        }
    }

    public T Get<T>(string path, JsonTypeInfo<T> type) => Read(Send(HttpMethod.Get, path), type);

    public async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken) =>
        Read(await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false), type);

    public static T Read<T>(byte[] body, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(body, type) ?? throw new FakeServerlessControlException(200, 0, $"The fake answered JSON null where a {typeof(T).Name} was expected.");

    /// <summary>A JSON object written by <paramref name="write"/>.</summary>
    public static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public void Dispose() => _http.Dispose();

    private static HttpRequestMessage Request(HttpMethod method, string path, byte[]? json)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new ByteArrayContent(json);
            request.Content.Headers.ContentType = JsonType;
        }

        return request;
    }

    private byte[] Check(HttpResponseMessage response, byte[] body)
    {
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300)
        {
            return body;
        }

        // The control API answers errors in Twilio's shape: {"code":…,"message":…,"more_info":…,"status":…}.
        int code = 0;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                code = document.RootElement.TryGetProperty("code", out var c) && c.TryGetInt32(out var value) ? value : 0;
                message = document.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            }
        }
        catch (JsonException)
        {
            // Not the fake's error body (a proxy's page, another server): the message below says what came back.
        }

        throw new FakeServerlessControlException(
            status, code,
            message ?? $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {status} without a control API error body; is {BaseAddress} a fake-serverless?");
    }

    private HttpRequestException Unreachable(HttpMethod method, string path, HttpRequestException ex) =>
        new($"The fake at {BaseAddress} did not answer {method} {path}: {ex.Message}", ex, ex.StatusCode);
}
