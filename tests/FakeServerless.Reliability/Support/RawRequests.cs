using System.Text;

namespace FakeServerless.Reliability.Support;

/// <summary>Requests no HttpClient would send, for the raw-socket part of the fuzz (real port and CLI only).</summary>
internal static class RawRequests
{
    private const string Auth = "Authorization: Basic QUNmZWVkZmFjZWZlZWRmYWNlZmVlZGZhY2VmZWVkZmFjZTpwdw==\r\n";

    public static readonly IReadOnlyList<string> All =
    [
        $"GET /v1/Services HTTP/1.1\r\nHost:\r\n{Auth}Connection: close\r\n\r\n",
        $"GET /v1/Services HTTP/1.0\r\n{Auth}\r\n",
        $"GET /v1/Services HTTP/1.1\r\nHost: {new string('h', 300)}\r\n{Auth}Connection: close\r\n\r\n",
        $"GET /v1/Services HTTP/1.1\r\nHost: a..b\r\n{Auth}Connection: close\r\n\r\n",
        $"GET /v1/Services HTTP/1.1\r\nHost: [::1\r\n{Auth}Connection: close\r\n\r\n",
        $"GET /v1/Services HTTP/1.1\r\nHost: 127.0.0.1:99999\r\n{Auth}Connection: close\r\n\r\n",
        $"GET /v1/Services HTTP/1.1\r\nHost: a\r\nHost: b\r\n{Auth}\r\n",
        $"GET /v1/%00 HTTP/1.1\r\nHost: x\r\n{Auth}\r\n",
        $"GET /v1/Services?{new string('q', 9000)} HTTP/1.1\r\nHost: x\r\n\r\n",
        $"POST /v1/Services HTTP/1.1\r\nHost: x\r\n{Auth}Transfer-Encoding: chunked\r\nContent-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\nZZ\r\nabc\r\n0\r\n\r\n",
        $"POST /v1/Services HTTP/1.1\r\nHost: x\r\n{Auth}Content-Length: -1\r\n\r\n",
        $"POST /v1/Services HTTP/1.1\r\nHost: x\r\n{Auth}Content-Length: abc\r\n\r\n",
        $"POST /v1/Services HTTP/1.1\r\nHost: x\r\n{Auth}Content-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n",
        $"POST /v1/Services HTTP/1.1\r\nHost: x\r\n{Auth}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\nConnection: close\r\n\r\nUniqueName=zz&FriendlyName=zz",
        $"G\u0001T /v1/Services HTTP/1.1\r\nHost: x\r\n\r\n",
        $"GET /v1/Services HTTP/9.9\r\nHost: x\r\n\r\n",
        $"GET v1/Services HTTP/1.1\r\nHost: x\r\n\r\n",
        $"GET * HTTP/1.1\r\nHost: x\r\n\r\n",
        $"GET http://evil.example/v1/Services HTTP/1.1\r\nHost: x\r\n{Auth}Connection: close\r\n\r\n",
        $"GET /v1/Services HTTP/1.1\r\nHost: x\r\nNoColonHeader\r\n\r\n",
        $"GET /v1/Services HTTP/1.1\r\nHost: x\r\n Folded: header\r\n\r\n",
        $"GET /v1/Services HTTP/1.1\r\nHost: x\r\n{string.Concat(Enumerable.Range(0, 200).Select(i => $"X-{i}: {new string('v', 200)}\r\n"))}\r\n",
        $"GET /x%0d%0aPOST%20/v1/Services%20201%200ms%20CreateService HTTP/1.1\r\nHost: x\r\n{Auth}Connection: close\r\n\r\n",
        $"DELETE /v1/Services/canary HTTP/1.1\r\nHost: x\r\nAuthorization: Basic\r\nConnection: close\r\n\r\n",
        $"GET /v1/Services HTTP/1.1\r\nHost: x\r\n{Auth}Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 7\r\nConnection: close\r\n\r\n--b--\r\n",
        $"GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: x\r\n{Auth}Connection: close\r\n\r\n",
        $"POST * HTTP/1.1\r\nHost: x\r\n{Auth}Content-Length: 0\r\nConnection: close\r\n\r\n",
    ];

    /// <summary>
    /// Sends one and checks the answer: either Kestrel's own refusal before the fake runs (4xx, empty body, Connection: close) or
    /// the fake's answer (no 5xx, Twilio-shaped errors). Returns false when nothing came back.
    /// </summary>
    public static async Task CheckAsync(Uri endpoint, string request)
    {
        var description = "raw " + Encoding.ASCII.GetString(Encoding.Latin1.GetBytes(request[..Math.Min(60, request.Length)])).Replace("\r\n", "\\r\\n", StringComparison.Ordinal);
        Tests.Support.RawHttp.Answer answer;
        try
        {
            answer = await Tests.Support.RawHttp.SendAsync(endpoint, request);
        }
        catch (IOException ex)
        {
            Figures.Request();
            Figures.Violation($"{description}: no answer ({ex.Message})");
            return;
        }

        var kestrelRefusal = TwilioShape.IsKestrelRefusal(answer.Status, answer.Body, answer.Header("Server"), answer.Header("Connection"));
        TwilioShape.Check(description, answer.Status, answer.Body, isHead: false, isKestrelRefusal: kestrelRefusal);
    }
}
