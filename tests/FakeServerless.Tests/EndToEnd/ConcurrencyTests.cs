using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FakeServerless.Tests.Support;
using Twilio.Clients;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using SystemHttpClient = System.Net.Http.HttpClient;
using SystemNetHttpClient = Twilio.Http.SystemNetHttpClient;

namespace FakeServerless.Tests.EndToEnd;

/// <summary>
/// Many clients at once on one fake (two accounts, SDK and raw HTTP): creating services, environments and builds, deploying and
/// clearing. Afterwards the state must add up: counts match what succeeded, every environment's build_sid is its newest
/// deployment's, the wire agrees with the snapshot, domains serve what is live, and nothing answered 500.
/// </summary>
[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class ConcurrencyTests(FakeServerlessTransport transport) : FakeTestBase(transport)
{
    private const int Clients = 16;
    private const int OperationsPerClient = 20;
    private const string SecondAccount = "AC22222222222222222222222222222222";

    private readonly ConcurrentBag<string> _problems = [];
    private int _requests;

    protected override FakeServerlessOptions Configure(FakeServerlessOptions options)
    {
        options.JournalCapacity = 100_000;
        return options;
    }

    [Test]
    public async Task ManyClients_CreateDeployAndClearAtOnce_StateIsConsistent()
    {
        var accounts = new[] { new AccountTally(Fake.AccountSid), new AccountTally(SecondAccount) };
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = Enumerable.Range(0, Clients).Select(t => Task.Run(async () =>
        {
            await start.Task;
            await RunClientAsync(t, accounts[t % 3 == 2 ? 1 : 0]);
        })).ToArray();
        start.SetResult();
        await Task.WhenAll(workers);

        foreach (var tally in accounts)
        {
            TestContext.Out.WriteLine($"{tally.AccountSid}: {tally.Services.Count} services, {tally.Environments.Count} environments, {tally.Builds.Count} builds, {tally.Deployed} deployed, {tally.Cleared} cleared");
        }

        Assert.That(_problems, Is.Empty, "unexpected answers while running");
        Assert.That(accounts.Sum(a => a.Deployed + a.Cleared), Is.GreaterThan(Clients), "the run should deploy and clear a lot");
        Assert.That(Fake.Journal.Entries.Where(e => e.StatusCode >= 500 || e.StatusCode == 0).Select(e => e.ToString()), Is.Empty);
        Assert.That(Fake.Journal.Entries, Has.Count.EqualTo(_requests), "every request journaled once");

        foreach (var tally in accounts)
        {
            await AssertConsistentAsync(tally);
        }
    }

    [Test]
    public async Task ManyCallers_InvokeFunctionsWhileDeployingAndClearing_EveryAnswerLogsOnce()
    {
        var account = Fake.Account();
        var service = account.CreateService("busy");
        var environment = account.CreateEnvironment(service.Sid, "dev", "dev");
        var function = account.CreateFunction(service.Sid, "echo");
        var builds = Enumerable.Range(0, 3).Select(i =>
            account.CreateBuild(service.Sid, [account.CreateFunctionVersion(service.Sid, function.Sid, "/echo", $"// v{i}").Sid]).Sid).ToArray();
        account.Deploy(service.Sid, environment.Sid, builds[0]);
        Fake.MapFunction("/echo", async (request, console, ct) =>
        {
            await Task.Yield();
            console.Log($"call {request.Parameters["n"]}");
            return FunctionResponse.Text(request.Parameters["n"]);
        });

        var answers = new ConcurrentBag<(int Status, string Body, string N)>();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Deployers start once every caller has had one answer from build 0, so some calls are always answered.
        var firstCalls = Enumerable.Range(0, 8).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var callers = Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
        {
            await start.Task;
            using var curl = Fake.CreateHttpClient();
            try
            {
                for (var i = 0; i < 25; i++)
                {
                    var n = $"{c}-{i}";
                    using var response = await curl.GetAsync($"https://{environment.DomainName}/echo?n={n}");
                    answers.Add(((int)response.StatusCode, await response.Content.ReadAsStringAsync(), n));
                    firstCalls[c].TrySetResult();
                }
            }
            finally
            {
                firstCalls[c].TrySetResult();
            }
        }));
        var deployers = Enumerable.Range(0, 2).Select(d => Task.Run(async () =>
        {
            await Task.WhenAll(firstCalls.Select(f => f.Task));
            using var http = CreateRawClient(Fake.AccountSid, Fake.AuthToken);
            for (var i = 0; i < 15; i++)
            {
                var form = (d + i) % 3 == 0 ? Form() : Form(("BuildSid", builds[(d + i) % builds.Length]));
                await SendAsync(http, HttpMethod.Post, $"/v1/Services/{service.Sid}/Environments/{environment.Sid}/Deployments", form, 201, 409);
            }
        }));
        var all = callers.Concat(deployers).ToArray();
        start.SetResult();
        await Task.WhenAll(all);

        TestContext.Out.WriteLine($"{answers.Count(a => a.Status == 200)} answered, {answers.Count(a => a.Status == 404)} while cleared");
        Assert.That(_problems, Is.Empty);
        Assert.That(answers, Has.Count.EqualTo(200));
        Assert.That(answers.Select(a => a.Status).Distinct(), Is.SubsetOf(new[] { 200, 404 }));
        Assert.That(answers.Count(a => a.Status == 200), Is.GreaterThanOrEqualTo(8));
        Assert.That(answers.Where(a => a.Status == 200).Select(a => a.Body), Is.EquivalentTo(answers.Where(a => a.Status == 200).Select(a => a.N)));
        var logs = Fake.Snapshot().Logs;
        Assert.That(logs.Select(l => l.Message), Is.EquivalentTo(answers.Where(a => a.Status == 200).Select(a => $"call {a.N}")), "one log line per answered call");
        Assert.That(logs.Select(l => l.RequestSid), Is.Unique);
        Assert.That(logs.Select(l => l.FunctionSid), Is.All.EqualTo(function.Sid));
        Assert.That(Fake.Journal.Entries.Where(e => e.StatusCode >= 500 || e.StatusCode == 0), Is.Empty);
    }

    private async Task RunClientAsync(int t, AccountTally tally)
    {
        var random = new Random(1000 + t);
        var token = $"token-{t}";
        using var http = Fake.CreateHttpClient();
        http.BaseAddress = new Uri("https://serverless.twilio.com");
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{tally.AccountSid}:{token}")));
        var sdk = new TwilioRestClient(tally.AccountSid, token, httpClient: new SystemNetHttpClient(Fake.CreateHttpClient()));

        for (var i = 0; i < OperationsPerClient; i++)
        {
            var roll = i == 0 ? 0 : random.Next(100);
            if (roll < 10 || tally.Services.IsEmpty)
            {
                await CreateServiceAsync(t, i, tally, http, sdk);
            }
            else if (roll < 30)
            {
                await CreateEnvironmentAsync(t, i, tally, http, sdk, Pick(random, tally.Services));
            }
            else if (roll < 50)
            {
                await CreateBuildAsync(t, i, tally, http, Pick(random, tally.Services));
            }
            else if (roll < 75 && !tally.Environments.IsEmpty)
            {
                var (service, environment) = Pick(random, tally.Environments);
                var builds = tally.Builds.Where(b => b.Service == service).Select(b => b.Build).ToArray();
                if (builds.Length > 0)
                {
                    var status = await SendAsync(http, HttpMethod.Post, $"/v1/Services/{service}/Environments/{environment}/Deployments", Form(("BuildSid", builds[random.Next(builds.Length)])), 201, 409);
                    if (status == 201)
                    {
                        Interlocked.Increment(ref tally.Deployed);
                    }
                }
            }
            else if (roll < 85 && !tally.Environments.IsEmpty)
            {
                var (service, environment) = Pick(random, tally.Environments);
                if (await SendAsync(http, HttpMethod.Post, $"/v1/Services/{service}/Environments/{environment}/Deployments", Form(), 201, 409) == 201)
                {
                    Interlocked.Increment(ref tally.Cleared);
                }
            }
            else
            {
                var service = Pick(random, tally.Services);
                await SendAsync(http, HttpMethod.Get, "/v1/Services?PageSize=7", null, 200);
                await SendAsync(http, HttpMethod.Get, $"/v1/Services/{service}/Builds", null, 200);
                await SendAsync(http, HttpMethod.Get, $"/v1/Services/{service}/Environments", null, 200);
            }
        }
    }

    private async Task CreateServiceAsync(int t, int i, AccountTally tally, SystemHttpClient http, TwilioRestClient sdk)
    {
        string sid;
        if (t % 2 == 0)
        {
            Interlocked.Increment(ref _requests);
            sid = (await ServiceResource.CreateAsync(uniqueName: $"svc-{t}-{i}", friendlyName: $"Service {t}/{i}", client: sdk)).Sid;
        }
        else
        {
            sid = await CreateAsync(http, "/v1/Services", Form(("UniqueName", $"svc-{t}-{i}"), ("FriendlyName", $"Service {t}/{i}")));
        }

        tally.Services.Add(sid);
    }

    private async Task CreateEnvironmentAsync(int t, int i, AccountTally tally, SystemHttpClient http, TwilioRestClient sdk, string service)
    {
        string sid;
        if (t % 2 == 0)
        {
            Interlocked.Increment(ref _requests);
            sid = (await EnvironmentResource.CreateAsync(service, uniqueName: $"env-{t}-{i}", domainSuffix: $"d{t}x{i}", client: sdk)).Sid;
        }
        else
        {
            sid = await CreateAsync(http, $"/v1/Services/{service}/Environments", Form(("UniqueName", $"env-{t}-{i}"), ("DomainSuffix", $"d{t}x{i}")));
        }

        tally.Environments.Add((service, sid));
    }

    private async Task CreateBuildAsync(int t, int i, AccountTally tally, SystemHttpClient http, string service)
    {
        var function = await CreateAsync(http, $"/v1/Services/{service}/Functions", Form(("FriendlyName", $"fn-{t}-{i}")));
        Interlocked.Increment(ref tally.Functions);
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes($"exports.handler = (c, e, cb) => cb(null, '{t}/{i}');"));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/javascript");
        var upload = new MultipartFormDataContent { { new StringContent($"/f-{t}-{i}"), "Path" }, { new StringContent("public"), "Visibility" }, { file, "Content", "fn.js" } };
        var version = await CreateAsync(http, $"https://serverless-upload.twilio.com/v1/Services/{service}/Functions/{function}/Versions", upload);
        Interlocked.Increment(ref tally.FunctionVersions);
        var build = await CreateAsync(http, $"/v1/Services/{service}/Builds", Form(("FunctionVersions", version)));
        tally.Builds.Add((service, build));
    }

    private async Task AssertConsistentAsync(AccountTally tally)
    {
        var snapshot = Fake.Snapshot(tally.AccountSid);
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Services.Select(s => s.Sid), Is.EquivalentTo(tally.Services), tally.AccountSid);
            Assert.That(snapshot.Environments.Select(e => e.Sid), Is.EquivalentTo(tally.Environments.Select(e => e.Environment)), tally.AccountSid);
            Assert.That(snapshot.Builds.Select(b => b.Sid), Is.EquivalentTo(tally.Builds.Select(b => b.Build)), tally.AccountSid);
            Assert.That(snapshot.Functions, Has.Count.EqualTo(tally.Functions), tally.AccountSid);
            Assert.That(snapshot.FunctionVersions, Has.Count.EqualTo(tally.FunctionVersions), tally.AccountSid);
            Assert.That(snapshot.Builds.Select(b => b.Status), Is.All.EqualTo(BuildStatus.Completed));
            Assert.That(snapshot.Deployments.Count, Is.LessThanOrEqualTo(tally.Deployed + tally.Cleared), tally.AccountSid);
            Assert.That(snapshot.Deployments.Select(d => d.Sid), Is.Unique);
            Assert.That(snapshot.Environments.Select(e => e.DomainName), Is.Unique);
        });

        using var http = CreateRawClient(tally.AccountSid, "any-token");
        using var curl = Fake.CreateHttpClient();
        foreach (var environment in snapshot.Environments)
        {
            var deployments = snapshot.DeploymentsOf(environment.Sid);
            Assert.That(environment.BuildSid, Is.EqualTo(deployments.FirstOrDefault()?.BuildSid), $"{environment.Sid}: build_sid is the newest deployment's");
            Assert.That(deployments.SkipLast(1).Select(d => d.BuildSid), Has.None.Null, $"{environment.Sid}: a clearing deployment removes every earlier one, so it can only be the oldest");
            if (environment.BuildSid is { } live)
            {
                Assert.That(snapshot.Build(live)?.ServiceSid, Is.EqualTo(environment.ServiceSid));
            }

            var prefix = $"/v1/Services/{environment.ServiceSid}/Environments/{environment.Sid}";
            using var fetched = JsonDocument.Parse(await http.GetStringAsync(prefix));
            Assert.That(fetched.RootElement.GetProperty("build_sid").GetString(), Is.EqualTo(environment.BuildSid), "the wire agrees with the snapshot");
            using var listed = JsonDocument.Parse(await http.GetStringAsync($"{prefix}/Deployments?PageSize=1000"));
            Assert.That(listed.RootElement.GetProperty("deployments").EnumerateArray().Select(d => d.GetProperty("sid").GetString()), Is.EqualTo(deployments.Select(d => d.Sid)));

            var path = environment.BuildSid is { } sid ? snapshot.Build(sid)!.FunctionVersions[0].Path : "/f-none";
            var served = await curl.GetAsync($"https://{environment.DomainName}{path}");
            Assert.That(served.StatusCode, Is.EqualTo(environment.BuildSid is null ? HttpStatusCode.NotFound : HttpStatusCode.OK), $"{environment.DomainName}{path}");
        }
    }

    private async Task<string> CreateAsync(SystemHttpClient http, string path, HttpContent content)
    {
        Interlocked.Increment(ref _requests);
        using var response = await http.PostAsync(path, content);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new AssertionException($"POST {path} answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("sid").GetString()!;
    }

    private async Task<int> SendAsync(SystemHttpClient http, HttpMethod method, string path, HttpContent? content, params int[] expected)
    {
        Interlocked.Increment(ref _requests);
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await http.SendAsync(request);
        var status = (int)response.StatusCode;
        if (!expected.Contains(status))
        {
            _problems.Add($"{method} {path} answered {status}: {await response.Content.ReadAsStringAsync()}");
        }

        return status;
    }

    private static T Pick<T>(Random random, ConcurrentBag<T> bag)
    {
        var items = bag.ToArray();
        Array.Sort(items, Comparer<T>.Create((a, b) => string.CompareOrdinal(a!.ToString(), b!.ToString())));
        return items[random.Next(items.Length)];
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] pairs) =>
        new(pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));
}
