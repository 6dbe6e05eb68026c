using System.Net.Http.Headers;
using System.Text;
using FakeServerless.Engine;
using FakeServerless.Routing;

namespace FakeServerless.Reliability.Support;

/// <summary>
/// Seeded malformed requests over every route of the route table: methods, path values, queries, content types, charsets,
/// encodings, auth variants and parameter types. Requests authenticated as the canary's account only use methods that cannot
/// change state, so the canary must come out byte-identical; every other account may do anything.
/// </summary>
internal sealed class RequestFuzzer(int seed, Canary canary, string canaryAccount)
{
    public const string FuzzAccount = "ACfeedfacefeedfacefeedfacefeedface";

    private static readonly IReadOnlyList<Route> Routes = ServerlessEngine.CreateRoutes().Routes;
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "PURGE", "TRACE"];
    private static readonly string[] SafeMethods = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "PURGE"];

    private static readonly string[] ParameterNames =
    [
        "UniqueName", "FriendlyName", "IncludeCredentials", "UiEditable", "DomainSuffix", "BuildSid", "IsPlugin", "FunctionVersions",
        "AssetVersions", "Dependencies", "Runtime", "Key", "Value", "Path", "Visibility", "Content", "PageSize", "Page", "PageToken",
        "StartDate", "EndDate", "FunctionSid", "", "Sid", "unique_name",
    ];

    private static readonly string[] Queries =
    [
        "", "?", "?PageSize=", "?PageSize=0", "?PageSize=2147483648", "?Page=-5", "?Page=2147483647&PageSize=1000", "?PageToken=PA",
        "?PageToken=PBZS00000000000000000000000000000000", "?PageToken=%E2%9C", "?%", "?&&&=&", "?a=%E2%9C&a=%ZZ", "?StartDate=yesterday",
        "?EndDate=2026-13-45T99:99:99Z", "?FunctionSid=ZZ", "?StartDate=2026-01-01T00:00:00Z&EndDate=2025-01-01T00:00:00Z", "?=", "?a=1;=&==",
        "?;;", "?PageSize=5;PageSize=6", "?PageSize=1&PageSize=2", "?x=%0d%0a", "?PageSize=-1", "?PageSize=1e3", "?PageToken=" + new string('Z', 2000),
    ];

    private static readonly string[] ContentTypes =
    [
        "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-8", "application/x-www-form-urlencoded; charset=iso-8859-1",
        "application/x-www-form-urlencoded; charset=utf-16", "application/x-www-form-urlencoded; charset=bogus", "multipart/form-data",
        "multipart/form-data; boundary=", "multipart/form-data; boundary=\"", "multipart/form-data; boundary=b0undary", "application/json",
        "text/plain", "garbage/;;;=", "*/*", "multipart/mixed; boundary=b0undary", "application/octet-stream",
    ];

    private static readonly string[] Garbage =
    [
        "%00", "..", "%2F", "%2e%2e", "%ZZ", "é☃", "%0d%0a", "' OR 1=1 --", "{Sid}", "ZS" + new string('g', 32), "ZS" + new string('0', 31),
        "ZS" + new string('F', 32), "AC00000000000000000000000000000001", "null", "-1", "%E2%9C", new string('x', 3000), "%20", "~", "a b",
    ];

    private readonly Random _random = new(seed);
    private readonly string[] _foreignSids = [.. canary.Sids.Select(s => s[..2] + "0123456789abcdef0123456789abcdef")];

    /// <summary>One request, and what the check should expect of it.</summary>
    public sealed record Fuzzed(HttpRequestMessage Request, string Description, bool IsApiHost);

    public Fuzzed Next()
    {
        var route = Pick(Routes);
        var (user, password, scheme) = Auth();
        var canaryAuth = user == canaryAccount;
        var method = _random.NextDouble() < 0.8 ? route.Method : Pick(Methods);
        if (canaryAuth && method is "POST" or "DELETE")
        {
            method = Pick(SafeMethods);
        }

        var path = string.Concat(route.Segments.Select((segment, i) => "/" + (segment[0] == '{' ? PathValue() + route.Suffixes[i] : Case(segment))));
        var query = _random.NextDouble() < 0.3 ? Pick(Queries) : string.Empty;
        var (host, isApi) = Host();
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri($"https://{host}{path}{query}", UriKind.Absolute));
        if (scheme is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", scheme == "Basic" ? $"Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"))}" : scheme);
        }

        if (_random.NextDouble() < 0.7)
        {
            request.Content = Body();
        }

        if (_random.NextDouble() < 0.05)
        {
            request.Headers.TryAddWithoutValidation("X-Fuzz", new string([.. Pick(Garbage).Where(char.IsAscii)]));
        }

        return new Fuzzed(request, $"{method} {host}{path}{query} [{request.Content?.Headers.ContentType}] as {user ?? scheme ?? "nobody"}", isApi);
    }

    private (string? User, string? Password, string? Scheme) Auth() => _random.Next(12) switch
    {
        0 => (null, null, null),
        1 => (null, null, "Basic !!!not-base64"),
        2 => (null, null, "Bearer token"),
        3 => (null, null, "Basic " + Convert.ToBase64String("no-colon"u8.ToArray())),
        4 => ("ACxyz", "pw", "Basic"),
        5 => (FuzzAccount, string.Empty, "Basic"),
        6 or 7 => (canaryAccount, _random.Next(2) == 0 ? "fake-auth-token" : "wrong-token", "Basic"),
        _ => (FuzzAccount, "pw", "Basic"),
    };

    private (string Host, bool IsApi) Host() => _random.Next(20) switch
    {
        0 => ("serverless-upload.twilio.com", true),
        1 => (canary.DomainName, false),
        2 => ($"nobody-{_random.Next(10000)}.twil.io", false),
        _ => ("serverless.twilio.com", true),
    };

    private string PathValue() => _random.Next(10) switch
    {
        < 4 => Pick(canary.Sids),
        4 => Canary.UniqueName,
        5 => Pick(_foreignSids),
        _ => Pick(Garbage),
    };

    private string Case(string segment) => _random.Next(10) == 0 ? segment.ToUpperInvariant() : segment;

    private HttpContent Body()
    {
        var contentType = Pick(ContentTypes);
        HttpContent content = _random.Next(6) switch
        {
            0 => new ByteArrayContent([]),
            1 => new ByteArrayContent(RandomBytes(_random.Next(1, 2000))),
            2 => Multipart(),
            3 => new ByteArrayContent(Encoding.UTF8.GetBytes("{\"UniqueName\": \"x\", \"nested\": [1, {\"a\": null}]")),
            _ => new ByteArrayContent((_random.Next(3) == 0 ? Encoding.Latin1 : Encoding.UTF8).GetBytes(FormText())),
        };

        if (content is not MultipartFormDataContent || _random.Next(3) == 0)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (_random.Next(15) == 0)
        {
            content.Headers.TryAddWithoutValidation("Content-Encoding", _random.Next(2) == 0 ? "gzip" : "br, deflate");
        }

        return content;
    }

    private string FormText()
    {
        var pairs = Enumerable.Range(0, _random.Next(0, 6)).Select(_ => $"{Uri.EscapeDataString(Pick(ParameterNames))}={Escape(ParameterValue())}");
        var text = string.Join('&', pairs);
        return _random.Next(10) == 0 ? text + "&%&=&&==" : text;
    }

    private string Escape(string value) => _random.Next(5) == 0 ? value.Replace(" ", "+", StringComparison.Ordinal) : Uri.EscapeDataString(value);

    private string ParameterValue() => _random.Next(12) switch
    {
        0 => Pick(["0", "-1", "2147483648", "1e9", "NaN", "007"]),
        1 => Pick(["true", "false", "True", "maybe", ""]),
        2 => Pick(["2026-01-01T00:00:00Z", "2026-13-45T99:99:99Z", "yesterday", "0001-01-01", "9999-12-31T23:59:59+14:00"]),
        3 => Pick(canary.Sids),
        4 => Pick(_foreignSids),
        5 => Pick(["[{\"name\":\"twilio\",\"version\":\"5.0.0\"}]", "{", "[]", "[{\"name\":null}]", "null", "[1,2,3]"]),
        6 => new string('y', _random.Next(100, 6000)),
        7 => "é☃\u0085\u2028𝄞",
        8 => "line\r\nbreak\0nul\ttab",
        9 => Pick(["public", "protected", "private", "PUBLIC", "secret"]),
        10 => Pick(["/hello", "hello", "/../../etc/passwd", "/a b", "/%00", "//"]),
        _ => "value" + _random.Next(1000),
    };

    private MultipartFormDataContent Multipart()
    {
        var form = new MultipartFormDataContent("b0undary");
        for (var i = _random.Next(0, 5); i > 0; i--)
        {
            var name = Pick(ParameterNames) is { Length: > 0 } picked ? picked : "\"\""; // an empty name, quoted
            if (_random.Next(3) == 0)
            {
                var file = new ByteArrayContent(RandomBytes(_random.Next(0, 3000)));
                file.Headers.TryAddWithoutValidation("Content-Type", Pick(["application/javascript", "text/plain", "image/png", "garbage", ""]));
                form.Add(file, name, Pick(["f.js", "\"\"", "../x", "é.txt"]));
            }
            else
            {
                form.Add(new StringContent(ParameterValue()), name);
            }
        }

        return form;
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
