using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace FakeServerless.Tests.Persistence;

/// <summary>
/// A seeded random mix of requests over HTTP clients against two fakes with the same seed and clock; halfway, the second is
/// exported, written to JSON and read back into a NEW fake, which takes over. Every answer (status and body) must match the
/// untouched fake's, SIDs minted after the import included, and both end in the same state.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class ExportImportEquivalenceTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] Accounts = ["AC" + new string('a', 32), "AC" + new string('b', 32)];
    private static readonly string[] Names = ["shop", "blog", "api", "shop-2", "x"];
    private static readonly string[] Suffixes = ["", "dev", "stage", "prod", "qa"];

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task ImportedFake_RandomMixOfRequests_AnswersExactlyAsTheOriginal(int seed)
    {
        var reference = new Side(seed, Start);
        var subject = new Side(seed, Start);
        var driver = new Driver(new Random(seed));
        const int steps = 700;
        try
        {
            for (var step = 0; step < steps; step++)
            {
                if (step == steps / 2)
                {
                    var json = subject.Fake.ExportState().ToJson();
                    var restored = new Side(seed, subject.Clock.GetUtcNow());
                    restored.Fake.ImportState(FakeServerlessState.FromJson(json));
                    Assert.That(restored.Fake.ExportState().ToJson(), Is.EqualTo(json), "Export → Import → Export");
                    subject.Dispose();
                    subject = restored;
                }

                var call = driver.Next();
                var expected = await reference.SendAsync(call);
                var actual = await subject.SendAsync(call);
                Assert.That(actual, Is.EqualTo(expected), $"step {step}: {call}");
                driver.Learn(call, expected);

                var advance = TimeSpan.FromSeconds(driver.Random.Next(0, 5));
                reference.Clock.Advance(advance);
                subject.Clock.Advance(advance);
            }

            TestContext.Out.WriteLine(string.Join(", ", driver.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
            Assert.That(subject.Fake.ExportState().ToJson(), Is.EqualTo(reference.Fake.ExportState().ToJson()));
            Assert.That(driver.Statuses.Keys, Is.SupersetOf(new[] { 200, 201, 204, 404, 409 }), "the mix reaches successes and rule violations");
        }
        finally
        {
            reference.Dispose();
            subject.Dispose();
        }
    }

    /// <summary>One request, built afresh for each fake.</summary>
    private sealed record Call(int Account, string Method, string Url, IReadOnlyList<KeyValuePair<string, string>>? Form = null, byte[]? Upload = null, string? UploadPath = null)
    {
        public HttpRequestMessage ToRequest()
        {
            var request = new HttpRequestMessage(new HttpMethod(Method), Url);
            if (Upload is not null)
            {
                var content = new MultipartFormDataContent
                {
                    { new StringContent(UploadPath!), "Path" },
                    { new StringContent("public"), "Visibility" },
                };
                var file = new ByteArrayContent(Upload);
                file.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
                content.Add(file, "Content", "file.txt");
                request.Content = content;
            }
            else if (Form is not null)
            {
                request.Content = new FormUrlEncodedContent(Form);
            }

            return request;
        }

        public override string ToString() => $"{Method} {Url} as {Account} {(Form is null ? string.Empty : string.Join('&', Form.Select(p => $"{p.Key}={p.Value}")))}";
    }

    private sealed class Side : IDisposable
    {
        private readonly HttpClient[] _clients;

        public Side(int seed, DateTimeOffset now)
        {
            Clock = new FakeTimeProvider(now);
            Fake = FakeServerlessServer.StartInMemory(new FakeServerlessOptions
            {
                Seed = seed,
                TimeProvider = Clock,
                BuildCompletion = BuildCompletion.AfterPolls(2),
            });
            Fake.MapFunction("/log", (request, console) =>
            {
                console.Log("hit " + request.Path);
                console.Warn("second line");
                return new FunctionResponse { Body = "ok" };
            });
            _clients = Accounts.Select(sid =>
            {
                var client = Fake.CreateHttpClient();
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sid}:token")));
                return client;
            }).ToArray();
        }

        public FakeTimeProvider Clock { get; }

        public FakeServerlessServer Fake { get; }

        public async Task<(int Status, string Body)> SendAsync(Call call)
        {
            using var request = call.ToRequest();
            using var response = await _clients[call.Account].SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        public void Dispose() => Fake.Dispose();
    }

    /// <summary>Picks requests from what earlier answers revealed: SIDs, domains, page links, deleted SIDs.</summary>
    private sealed class Driver(Random random)
    {
        private const string Api = "https://serverless.twilio.com/v1";
        private readonly Dictionary<string, List<(int Account, string Url)>> _known = new(StringComparer.Ordinal);
        private readonly List<(int Account, string Url)> _deleted = [];
        private readonly List<(int Account, string Url)> _pages = [];
        private readonly List<string> _domains = [];
        private readonly Dictionary<string, List<string>> _versionsByService = new(StringComparer.Ordinal);

        public Random Random { get; } = random;

        public Dictionary<int, int> Statuses { get; } = [];

        public Call Next()
        {
            var account = Random.Next(10) == 0 ? 1 : 0;
            switch (Random.Next(22))
            {
                case 0 or 1:
                    return new Call(account, "POST", $"{Api}/Services", Form(("UniqueName", Pick(Names)), ("FriendlyName", "Svc " + Random.Next(100))));
                case 2:
                    return On("service", s => new Call(s.Account, "POST", s.Url, Form(("FriendlyName", "Renamed " + Random.Next(100)))));
                case 3:
                    return On("service", s => new Call(s.Account, "DELETE", s.Url));
                case 4 or 5:
                    return On("service", s => new Call(s.Account, "POST", s.Url + "/Environments", SuffixForm()));
                case 6:
                    return On("environment", e => new Call(e.Account, Random.Next(4) == 0 ? "DELETE" : "GET", e.Url));
                case 7:
                    return On("environment", e => new Call(e.Account, "POST", e.Url + "/Variables", Form(("Key", "K" + Random.Next(4)), ("Value", "v" + Random.Next(100)))));
                case 8:
                    return On("variable", v => Random.Next(3) == 0
                        ? new Call(v.Account, "DELETE", v.Url)
                        : new Call(v.Account, "POST", v.Url, Form(("Value", "u" + Random.Next(100)))));
                case 9:
                    return On("service", s => new Call(s.Account, "POST", s.Url + (Random.Next(2) == 0 ? "/Functions" : "/Assets"), Form(("FriendlyName", "code " + Random.Next(100)))));
                case 10 or 11:
                    return On("code", c => new Call(
                        c.Account, "POST", c.Url.Replace("https://serverless.", "https://serverless-upload.", StringComparison.Ordinal) + "/Versions",
                        Upload: Encoding.UTF8.GetBytes("content " + Random.Next(1000)), UploadPath: Random.Next(3) == 0 ? "/log" : "/p" + Random.Next(5)));
                case 12:
                    return On("code", c => Random.Next(3) == 0 ? new Call(c.Account, "DELETE", c.Url) : new Call(c.Account, "POST", c.Url, Form(("FriendlyName", "again"))));
                case 13:
                    return On("service", s => new Call(s.Account, "POST", s.Url + "/Builds", BuildForm(s.Url)));
                case 14:
                    return On("build", b => new Call(b.Account, "GET", b.Url + (Random.Next(2) == 0 ? "/Status" : string.Empty)));
                case 15 or 16:
                    return On("environment", e => new Call(e.Account, "POST", e.Url + "/Deployments", DeployForm(e.Url)));
                case 17:
                    return _pages.Count > 0 && Random.Next(2) == 0
                        ? Pick(_pages) is var p ? new Call(p.Account, "GET", p.Url) : null!
                        : On(Pick(["service", "environment", "code"]), r => new Call(r.Account, "GET", r.Url + ListSuffix(r.Url) + "?PageSize=" + (1 + Random.Next(3))));
                case 18:
                    return _deleted.Count > 0 ? Pick(_deleted) is var d ? new Call(d.Account, "GET", d.Url) : null! : Next();
                case 19:
                    return _domains.Count > 0 ? new Call(account, "GET", $"https://{Pick(_domains)}{(Random.Next(3) == 0 ? "/p1" : "/log")}") : Next();
                case 20:
                    return On("environment", e => new Call(e.Account, "GET", e.Url + "/Logs?PageSize=3"));
                default:
                    return new Call(account, "GET", $"{Api}/Services?PageSize=2");
            }
        }

        public void Learn(Call call, (int Status, string Body) answer)
        {
            Statuses[answer.Status] = Statuses.GetValueOrDefault(answer.Status) + 1;
            if (answer.Status == 204)
            {
                foreach (var list in _known.Values)
                {
                    list.RemoveAll(r => r.Url == call.Url);
                }

                _deleted.Add((call.Account, call.Url));
                return;
            }

            if (answer.Status is not (200 or 201) || !answer.Body.StartsWith('{'))
            {
                return;
            }

            using var document = JsonDocument.Parse(answer.Body);
            var root = document.RootElement;
            if (root.TryGetProperty("meta", out var meta))
            {
                foreach (var link in new[] { "next_page_url", "previous_page_url" })
                {
                    if (meta.TryGetProperty(link, out var url) && url.ValueKind == JsonValueKind.String)
                    {
                        _pages.Add((call.Account, url.GetString()!));
                    }
                }

                return;
            }

            if (answer.Status != 201 || !root.TryGetProperty("url", out var self))
            {
                return;
            }

            var selfUrl = self.GetString()!;
            var sid = root.GetProperty("sid").GetString()!;
            var kind = sid[..2] switch
            {
                "ZS" => "service",
                "ZE" => "environment",
                "ZV" => "variable",
                "ZH" => "code",
                "ZB" => "build",
                _ => null,
            };
            if (kind is not null)
            {
                Known(kind).Add((call.Account, selfUrl));
            }

            if (sid.StartsWith("ZN", StringComparison.Ordinal))
            {
                var service = selfUrl[..(selfUrl.IndexOf("/Functions", StringComparison.Ordinal) is var f and > 0 ? f : selfUrl.IndexOf("/Assets", StringComparison.Ordinal))];
                (_versionsByService.TryGetValue(service, out var versions) ? versions : _versionsByService[service] = []).Add(
                    (selfUrl.Contains("/Functions/", StringComparison.Ordinal) ? "F" : "A") + sid);
            }

            if (root.TryGetProperty("domain_name", out var domain))
            {
                _domains.Add(domain.GetString()!);
            }
        }

        private List<(int Account, string Url)> Known(string kind) =>
            _known.TryGetValue(kind, out var list) ? list : _known[kind] = [];

        private Call On(string kind, Func<(int Account, string Url), Call> make) =>
            Known(kind) is { Count: > 0 } list ? make(Pick(list)) : new Call(0, "POST", $"{Api}/Services", Form(("UniqueName", Pick(Names)), ("FriendlyName", "first")));

        private IReadOnlyList<KeyValuePair<string, string>> SuffixForm()
        {
            var suffix = Pick(Suffixes);
            return suffix.Length == 0
                ? Form(("UniqueName", "env" + Random.Next(6)))
                : Form(("UniqueName", "env" + Random.Next(6)), ("DomainSuffix", suffix));
        }

        private IReadOnlyList<KeyValuePair<string, string>> BuildForm(string serviceUrl)
        {
            var form = new List<KeyValuePair<string, string>>();
            foreach (var version in _versionsByService.GetValueOrDefault(serviceUrl) ?? [])
            {
                if (Random.Next(2) == 0)
                {
                    form.Add(new(version[0] == 'F' ? "FunctionVersions" : "AssetVersions", version[1..]));
                }
            }

            return form;
        }

        private IReadOnlyList<KeyValuePair<string, string>> DeployForm(string environmentUrl)
        {
            var service = environmentUrl[..environmentUrl.IndexOf("/Environments", StringComparison.Ordinal)];
            var builds = Known("build").Where(b => b.Url.StartsWith(service + "/", StringComparison.Ordinal)).ToList();
            return builds.Count == 0 || Random.Next(4) == 0 ? [] : Form(("BuildSid", Pick(builds).Url[(service.Length + "/Builds/".Length)..]));
        }

        private static string ListSuffix(string url) => url.Contains("/Environments/", StringComparison.Ordinal) ? "/Deployments"
            : url.Contains("/Functions/", StringComparison.Ordinal) ? "/Versions"
            : url.Contains("/Assets/", StringComparison.Ordinal) ? "/Versions" : "/Builds";

        private T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

        private static List<KeyValuePair<string, string>> Form(params (string Key, string Value)[] pairs) =>
            pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)).ToList();
    }
}
