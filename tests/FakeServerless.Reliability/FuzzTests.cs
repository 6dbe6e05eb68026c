using FakeServerless.Reliability.Support;

namespace FakeServerless.Reliability;

/// <summary>
/// Seeded malformed requests on every transport and against the standalone CLI: no 5xx, every error Twilio-shaped, the server
/// still answers, and the canary state is byte-identical afterwards. CI: 5,000 requests in all; stress: 100,000.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class FuzzTests
{
    private const int Seed = 20261130;
    private const int Workers = 4;
    private const string CanaryAccount = "AC00000000000000000000000000000001";

    private static readonly Dictionary<string, int> RequestsPerTarget = new()
    {
        ["InMemory"] = Scale.Of(2_400),
        ["Http"] = Scale.Of(1_400),
        ["Cli"] = Scale.Of(1_200),
        ["ProxyTls"] = Scale.Of(5_000),
        ["ProxyPlain"] = Scale.Of(5_000),
        ["Control"] = Scale.Of(5_000),
    };

    [TestCase("InMemory")]
    [TestCase("Http")]
    [TestCase("Cli")]
    [TestCase("ProxyTls")]
    [TestCase("ProxyPlain")]
    public async Task SeededGarbage_EveryTarget_No5xxTwilioShapedCanaryIntact(string targetName)
    {
        using var target = await Target.StartAsync(targetName);
        var api = new Api(target.Client, CanaryAccount);
        var canary = await Canary.CreateAsync(api);
        var before = await canary.FetchAllAsync(api);
        var total = RequestsPerTarget[targetName];
        var rawShare = target.Endpoint is null ? 0 : 20;

        await Parallel.ForEachAsync(Enumerable.Range(0, Workers), async (worker, _) =>
        {
            var fuzzer = new RequestFuzzer(Seed + worker, canary, CanaryAccount);
            var random = new Random(Seed - worker);
            for (var i = worker; i < total; i += Workers)
            {
                if (rawShare > 0 && random.Next(rawShare) == 0)
                {
                    await RawRequests.CheckAsync(target.Endpoint!, RawRequests.All[random.Next(RawRequests.All.Count)]);
                    continue;
                }

                var fuzzed = fuzzer.Next();
                using var request = fuzzed.Request;
                try
                {
                    using var response = await target.Client.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    TwilioShape.Check(fuzzed.Description, (int)response.StatusCode, body, request.Method == HttpMethod.Head, fuzzed.IsApiHost, TwilioShape.IsKestrelRefusal(response, body, proxy: targetName.StartsWith("Proxy", StringComparison.Ordinal)));
                }
                catch (HttpRequestException) when (request.RequestUri!.AbsolutePath.Contains("%00", StringComparison.Ordinal) && request.Content is not null)
                {
                    // Kestrel refuses a %00 path before reading anything (400, Connection: close); a client still sending its
                    // body may see the close instead of the answer. Kestrel's, not the fake's (see the README).
                    Figures.Request();
                    Figures.KestrelRefusal();
                }
                catch (HttpRequestException ex)
                {
                    Figures.Request();
                    Figures.Violation($"{fuzzed.Description}: no answer ({ex.Message})");
                }

                if (i % 500 == 0)
                {
                    Figures.SampleRss(target.Cli?.Process);
                }
            }
        });

        var after = await canary.FetchAllAsync(api);
        var (status, _) = await api.GetAsync("/Services");
        if (after != before)
        {
            Figures.Violation($"{targetName}: the canary changed");
        }

        Assert.Multiple(() =>
        {
            Assert.That(target.IsAlive, Is.True, "the fake's process exited");
            Assert.That(status, Is.EqualTo(200), "the fake still answers");
            Assert.That(after, Is.EqualTo(before), "the canary is byte-identical");
            Assert.That(Figures.Problems, Is.Empty, string.Join('\n', Figures.Problems));
        });
    }

    /// <summary>
    /// The control API of the standalone fake (on a virtual clock): seeded requests over every control route, with a live
    /// environment whose function paths get canned answers and faults as they come and go, and now and then the state read and
    /// written back mutated. No 5xx, every error Twilio-shaped; afterwards the fake answers and its state round-trips.
    /// </summary>
    [Test]
    public async Task SeededGarbage_ControlApi_No5xxTwilioShapedStillAnswers()
    {
        using var cli = await CliProcess.StartAsync(["--clock", "virtual", "--allowed-host", "twilio-serverless"]);
        using var control = new ControlClient(cli.Url);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };
        var total = RequestsPerTarget["Control"];
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();

        await Parallel.ForEachAsync(Enumerable.Range(0, Workers), async (worker, _) =>
        {
            var fuzzer = new ControlFuzzer(Seed + 100 + worker, cli.Url.Port);
            var mutator = new StateMutator(Seed + 200 + worker);
            for (var i = worker; i < total; i += Workers)
            {
                if (i % 97 == worker)
                {
                    fuzzer.Live = await SeedLiveAsync(control);
                }

                if (i % 151 == worker)
                {
                    var state = await control.GetAsync("/_fake/state");
                    if (state.Status == 200)
                    {
                        await control.PutAsync("/_fake/state", mutator.Mutate(System.Text.Json.Nodes.JsonNode.Parse(state.Body)!).Json);
                    }

                    continue;
                }

                var fuzzed = fuzzer.Next();
                using var request = fuzzed.Request;
                try
                {
                    using var response = await http.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    var isPage = (int)response.StatusCode == 200 && response.Content.Headers.ContentType?.MediaType == "text/html";
                    TwilioShape.Check("control " + fuzzed.Description, (int)response.StatusCode, body, request.Method == HttpMethod.Head, fuzzed.IsApiHost && !isPage, TwilioShape.IsKestrelRefusal(response, body));
                    if (response.Headers.Contains("Set-Cookie") || response.Headers.Contains("X") || body.Contains("No matching mapping found", StringComparison.Ordinal))
                    {
                        Figures.Violation($"control {fuzzed.Description}: an injected header or the transport's own answer: {(int)response.StatusCode} {response.Headers} {body[..Math.Min(200, body.Length)]}");
                    }

                    fuzzer.Saw(body);
                    statuses.AddOrUpdate((int)response.StatusCode, 1, static (_, n) => n + 1);
                }
                catch (HttpRequestException ex)
                {
                    Figures.Request();
                    Figures.Violation($"control {fuzzed.Description}: no answer ({ex.Message})");
                }

                if (i % 500 == 0)
                {
                    Figures.SampleRss(cli.Process);
                }
            }
        });

        TestContext.Progress.WriteLine($"Control fuzz answers by status: {string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}: {p.Value}"))}");
        await control.SendAsync(HttpMethod.Delete, "/_fake/faults");
        var health = await control.GetAsync("/_fake/health");
        var exported = await control.GetAsync("/_fake/state");
        var put = await control.PutAsync("/_fake/state", exported.Body);

        Assert.Multiple(() =>
        {
            Assert.That(cli.HasExited, Is.False, "the fake's process exited");
            Assert.That(health.Status, Is.EqualTo(200), "the fake still answers");
            Assert.That(put.Status, Is.EqualTo(204), $"its state still round-trips: {put.Body}");
            Assert.That(Figures.Problems, Is.Empty, string.Join('\n', Figures.Problems));
        });
    }

    /// <summary>Seeds a service live in staging through the control API; its domain and function paths, or null when refused.</summary>
    private static async Task<(string Domain, string[] Paths)?> SeedLiveAsync(ControlClient control)
    {
        var seeded = await control.PostAsync("/_fake/scenarios", """{"kind":"service-live-in"}""");
        if (seeded.Status != 201)
        {
            return null;
        }

        var scenario = System.Text.Json.Nodes.JsonNode.Parse(seeded.Body)!;
        var domain = scenario["environments"]!.AsArray().First(e => e!["build_sid"] is not null)!["domain_name"]!.GetValue<string>();
        var paths = scenario["functions"]!.AsArray().Concat(scenario["assets"]!.AsArray()).Select(f => f!["path"]!.GetValue<string>()).Append("/").Append("/nope").ToArray();
        return (domain, paths);
    }
}
