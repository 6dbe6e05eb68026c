using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FakeServerless.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FakeServerless.Tests.Wire;

/// <summary>
/// A bounded, seeded loop of garbage requests (methods, paths, queries, bodies, content types, broken multipart, bad auth,
/// domain hosts): the fake must never answer 500, every API error must be Twilio-shaped, and the state that existed before
/// must be exactly as it was.
/// </summary>
[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class WireFuzzTests(FakeServerlessTransport transport) : FakeTestBase(transport)
{
    private const int Iterations = 300;
    private const int Seed = 20261128;
    private const string OtherAccount = "ACabcdefabcdefabcdefabcdefabcdefab";

    private static readonly string[] AnyMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "PURGE"];
    private static readonly string[] SafeMethods = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "PURGE"];
    private static readonly string[] ContentTypes =
    [
        "application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=utf-16", "multipart/form-data",
        "multipart/form-data; boundary=", "multipart/form-data; boundary=\"", "multipart/form-data; boundary=b0undary",
        "application/json", "text/plain", "garbage/;;;=", "*/*", "multipart/mixed; boundary=b0undary",
    ];

    private static readonly string[] Queries =
    [
        "", "?", "?PageSize=", "?PageSize=0", "?PageSize=2147483648", "?Page=-5", "?Page=2147483647&PageSize=1000", "?PageToken=PA",
        "?PageToken=PBZS00000000000000000000000000000000", "?PageToken=%E2%9C", "?%", "?&&&=&", "?a=%E2%9C&a=%ZZ", "?StartDate=yesterday",
        "?EndDate=2026-13-45T99:99:99Z", "?FunctionSid=ZZ", "?StartDate=2026-01-01T00:00:00Z&EndDate=2025-01-01T00:00:00Z", "?PageSize=1&Page=99999999", "?=", "?a=1;=&==", "?;;", "?PageSize=5;PageSize=6",
    ];

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    protected override FakeServerlessOptions Configure(FakeServerlessOptions options)
    {
        // A frozen clock: an update with no known parameter then changes nothing, so "intact" can mean "equal".
        options.TimeProvider = _clock;
        return options;
    }

    [Test]
    public async Task GarbageRequests_SeededLoop_Never500AndStateIntact()
    {
        var ids = SeedState();
        var before = Fake.Snapshot();
        var random = new Random(Seed);
        var problems = new List<string>();
        var statuses = new Dictionary<int, int>();

        for (var i = 0; i < Iterations; i++)
        {
            using var request = Garbage(random, ids, before.Environments[0].DomainName, out var isApi);
            var description = $"#{i} {request.Method} {request.RequestUri} [{request.Content?.Headers.ContentType}]";
            HttpResponseMessage response;
            try
            {
                response = await Http.SendAsync(request);
            }
            catch (HttpRequestException ex)
            {
                problems.Add($"{description}: no answer ({ex.Message})");
                continue;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                var body = await response.Content.ReadAsStringAsync();
                if (status >= 500)
                {
                    problems.Add($"{description}: {status} {body}");
                }
                else if (isApi && status >= 400 && request.Method != HttpMethod.Head && !IsTwilioError(body, status))
                {
                    problems.Add($"{description}: {status} is not a Twilio error body: {body}");
                }
            }
        }

        var after = Fake.Snapshot();
        Assert.Multiple(() =>
        {
            Assert.That(problems, Is.Empty);
            Assert.That(Fake.Journal.Entries.Where(e => e.StatusCode >= 500 || e.StatusCode == 0).Select(e => e.ToString()), Is.Empty);
            Assert.That(statuses.Keys, Has.Some.EqualTo(404).And.Some.EqualTo(401).And.Some.EqualTo(400).And.Some.EqualTo(405), "the loop should reach every kind of rejection");
            Assert.That(after.Services, Is.EqualTo(before.Services));
            Assert.That(after.Environments, Is.EqualTo(before.Environments));
            Assert.That(after.Variables, Is.EqualTo(before.Variables));
            Assert.That(after.Deployments, Is.EqualTo(before.Deployments));
            Assert.That(after.Logs, Is.EqualTo(before.Logs));
            Assert.That(after.Functions, Is.EqualTo(before.Functions));
            Assert.That(after.FunctionVersions, Is.EqualTo(before.FunctionVersions));
            Assert.That(after.Assets, Is.EqualTo(before.Assets));
            Assert.That(after.AssetVersions, Is.EqualTo(before.AssetVersions));
            Assert.That(after.Builds, Is.EqualTo(before.Builds));
        });

        var stillServing = await Http.GetAsync($"/v1/Services/{ids.Service}/Environments/{ids.Environment}");
        Assert.That((int)stillServing.StatusCode, Is.EqualTo(200));
    }

    private HttpRequestMessage Garbage(Random random, SeededIds ids, string domain, out bool isApi)
    {
        isApi = true;
        var roll = random.Next(100);
        if (roll < 10)
        {
            // A request to an environment domain (or an unknown one).
            isApi = false;
            var host = random.Next(3) == 0 ? $"nobody-{random.Next(1000)}.twil.io" : domain;
            var domainRequest = new HttpRequestMessage(new HttpMethod(Pick(random, AnyMethods)), $"https://{host}{GarbagePath(random, ids, "GET")}{Pick(random, Queries)}");
            AddBody(random, domainRequest);
            return domainRequest;
        }

        var method = Pick(random, roll < 25 ? AnyMethods : SafeMethods.Concat(["POST", "DELETE"]).ToArray());
        var badAuth = roll < 25;
        var path = badAuth ? RealPath(random, ids) : GarbagePath(random, ids, method);
        var request = new HttpRequestMessage(new HttpMethod(method), "https://serverless.twilio.com" + path + Pick(random, Queries));
        if (badAuth)
        {
            // Replaces the client's valid Basic header for this request only.
            request.Headers.Authorization = random.Next(4) switch
            {
                0 => new AuthenticationHeaderValue("Basic", "%%%"),
                1 => new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ZS00000000000000000000000000000000:x"))),
                2 => new AuthenticationHeaderValue("Bearer", "token"),
                _ => new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Fake.AccountSid + ":"))),
            };
        }
        else if (random.Next(10) == 0 && method is not ("POST" or "DELETE"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(OtherAccount + ":other")));
        }

        if (method == "POST" && !badAuth && random.Next(4) == 0)
        {
            // Broken multipart to the real upload endpoints: always unreadable, so always a 400 and nothing created.
            request.RequestUri = new Uri(
                random.Next(2) == 0
                    ? $"https://serverless-upload.twilio.com/v1/Services/{ids.Service}/Functions/{ids.Function}/Versions"
                    : $"https://serverless-upload.twilio.com/v1/Services/{ids.Service}/Assets/{ids.Asset}/Versions");
            request.Content = BrokenMultipart(random);
            return request;
        }

        if (method != "HEAD")
        {
            AddBody(random, request);
        }

        return request;
    }

    /// <summary>
    /// Paths that cannot change state with the method used: DELETE gets unknown SIDs and routes only, POST also real instance
    /// paths (an update with garbage keys, under a frozen clock, changes nothing), other methods also every real path.
    /// </summary>
    private string GarbagePath(Random random, SeededIds ids, string method)
    {
        var choice = method switch
        {
            "DELETE" => 1,
            "POST" => random.Next(2),
            _ => random.Next(3),
        };
        if (choice == 2)
        {
            return RealPath(random, ids);
        }

        if (choice == 1)
        {
            return Pick(random,
            [
                // Kestrel itself refuses a NUL in the path (a bare 400 before any middleware), so only in memory.
                Transport == FakeServerlessTransport.InMemory ? "/v1/Services/%00" : "/v1/Services/%01",
                "/", "/v1", "/v1/", "/v2/Services", "/v1//Services", "/v1/Services/%2F", "/v1/Services/..%2F..", "/v1/Services/%25",
                "/v1/Services/" + new string('a', 3000), "/v1/Services/服务/Environments", "/v1/Services/ZS" + Hex(random).ToUpperInvariant(),
                $"/v1/Services/{ids.Service}/Environments/{ids.Environment}/Variables/%5Bobject%5D", $"/v1/Services/{ids.Service}/Builds/ZB{Hex(random)}",
                $"/v1/Services/{ids.Service}/Nope", "/v1/Services/ZS" + Hex(random) + "/Environments/ZE" + Hex(random) + "/Deployments",
                "/v1/Services/ZS" + Hex(random) + "/Functions/ZH" + Hex(random) + "/Versions", $"/v1/Services/{ids.Service}/Functions/{ids.Function}/Versions/ZN{Hex(random)}/Content",
                $"/v1/Services/{ids.Service}/Assets/{ids.Function}", "/v1/Services/" + RandomText(random, 20), "/" + RandomText(random, 40),
            ]);
        }

        return Pick(random, UpdatablePaths(ids));
    }

    private static string RealPath(Random random, SeededIds ids)
    {
        var s = $"/v1/Services/{ids.Service}";
        var e = $"{s}/Environments/{ids.Environment}";
        return Pick(random,
        [
            "/v1/Services", s, $"{s}/Environments", e, $"{e}/Variables", $"{e}/Variables/{ids.Variable}", $"{e}/Deployments", $"{e}/Deployments/{ids.Deployment}",
            $"{e}/Logs", $"{e}/Logs/{ids.Log}", $"{s}/Functions", $"{s}/Functions/{ids.Function}", $"{s}/Functions/{ids.Function}/Versions",
            $"{s}/Functions/{ids.Function}/Versions/{ids.FunctionVersion}/Content", $"{s}/Assets", $"{s}/Assets/{ids.Asset}/Versions",
            $"{s}/Builds", $"{s}/Builds/{ids.Build}", $"{s}/Builds/{ids.Build}/Status",
        ]);
    }

    /// <summary>Instance paths whose POST is an update: with no known parameter it changes nothing.</summary>
    private static string[] UpdatablePaths(SeededIds ids) =>
    [
        $"/v1/Services/{ids.Service}", $"/v1/Services/{ids.Service}/Functions/{ids.Function}", $"/v1/Services/{ids.Service}/Assets/{ids.Asset}",
        $"/v1/Services/{ids.Service}/Environments/{ids.Environment}/Variables/{ids.Variable}",
    ];

    private static void AddBody(Random random, HttpRequestMessage request)
    {
        switch (random.Next(4))
        {
            case 0:
                return;
            case 1:
                // Garbage keys (lower case, so never a real PascalCase parameter) and values, some of them malformed escapes.
                var pairs = Enumerable.Range(0, random.Next(1, 6)).Select(_ => $"{RandomKey(random)}={Pick(random, ["", "%", "%ZZ", "%E2%9C", "+", "true", RandomText(random, 10)])}");
                request.Content = Raw(Encoding.UTF8.GetBytes(string.Join(Pick(random, ["&", "&&", ";"]), pairs)), Pick(random, ContentTypes));
                return;
            case 2:
                var bytes = new byte[random.Next(0, 512)];
                random.NextBytes(bytes);
                request.Content = Raw(bytes, Pick(random, ContentTypes));
                return;
            default:
                request.Content = BrokenMultipart(random);
                return;
        }
    }

    private static ByteArrayContent BrokenMultipart(Random random)
    {
        var text = random.Next(4) switch
        {
            0 => "--b0undary\r\nContent-Disposition: form-data; name=\"Path\"\r\n\r\n/x", // never closed
            1 => "--b0undary\r\nContent-Disposition: form-data; name=\"Content\"; filename=\"x.js\"\r\nContent-Type: application/javascript\r\n\r\nexports", // truncated file
            2 => "--b0undary\r\nX-Header: " + new string('h', 20_000) + "\r\n\r\nvalue\r\n--b0undary--\r\n", // header section too long
            _ => "no multipart at all",
        };
        var contentType = random.Next(3) == 0 ? "multipart/form-data" : "multipart/form-data; boundary=b0undary";
        return Raw(Encoding.UTF8.GetBytes(text), contentType);
    }

    private static ByteArrayContent Raw(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private SeededIds SeedState()
    {
        var account = Fake.Account();
        var service = account.CreateService("fuzzed");
        var environment = account.CreateEnvironment(service.Sid, "dev", "dev");
        var variable = account.SetVariable(service.Sid, environment.Sid, "KEY", "value");
        var function = account.CreateFunction(service.Sid, "fn");
        var functionVersion = account.CreateFunctionVersion(service.Sid, function.Sid, "/fn", "exports.handler = () => {};");
        var asset = account.CreateAsset(service.Sid, "asset");
        var assetVersion = account.CreateAssetVersion(service.Sid, asset.Sid, "/index.html", "<p>hi</p>"u8.ToArray(), "text/html");
        var build = account.CreateBuild(service.Sid, [functionVersion.Sid], [assetVersion.Sid]);
        var deployment = account.Deploy(service.Sid, environment.Sid, build.Sid);
        var log = account.AppendLog(service.Sid, environment.Sid, "hello", functionSid: function.Sid);
        return new SeededIds(service.Sid, environment.Sid, variable.Sid, function.Sid, functionVersion.Sid, asset.Sid, build.Sid, deployment.Sid, log.Sid);
    }

    private static bool IsTwilioError(string body, int status)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object &&
                root.EnumerateObject().Select(p => p.Name).SequenceEqual(["code", "message", "more_info", "status"]) &&
                root.GetProperty("status").GetInt32() == status;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Hex(Random random) => string.Concat(Enumerable.Range(0, 32).Select(_ => "0123456789abcdef"[random.Next(16)]));

    private static string RandomKey(Random random) => string.Concat(Enumerable.Range(0, random.Next(1, 8)).Select(_ => (char)('a' + random.Next(26))));

    private static string RandomText(Random random, int max) =>
        string.Concat(Enumerable.Range(0, random.Next(1, max)).Select(_ => "abcXYZ019-_.~%/:@!$'()*,é✓"[random.Next(26)]));

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
