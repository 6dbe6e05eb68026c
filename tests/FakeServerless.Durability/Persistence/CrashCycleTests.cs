using FakeServerless.Durability.Support;

namespace FakeServerless.Durability.Persistence;

/// <summary>
/// The crash test: 50 cycles of a durable fake in a child process, concurrent writers over raw HTTP, <c>kill -9</c> at a
/// seeded random moment, a restart on the same data directory, and checks that every acknowledged write is there and that
/// nothing unacknowledged is half-there.
/// </summary>
public sealed class CrashCycleTests
{
    private const int Cycles = 50;
    private const int Writers = 4;
    private const int Seed = 20261130;

    [Test]
    [CancelAfter(600_000)]
    public async Task KillNine_FiftyCycles_EveryAcknowledgedWriteSurvivesAndNothingIsHalfThere()
    {
        using var dir = new DataDir();
        var random = new Random(Seed);
        var writers = Enumerable.Range(0, Writers).Select(i => new Writer(i)).ToArray();
        var totalAcknowledged = 0;

        for (var cycle = 0; cycle < Cycles; cycle++)
        {
            using var child = await ChildFake.StartAsync(dir.Path, snapshotEvery: 1 + random.Next(300));
            Assert.That(child.ExitCode, Is.Null, $"cycle {cycle}: the fake did not start: {child.Stderr}");
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var client = new ServerlessClient(http, child.Url);

            foreach (var writer in writers)
            {
                await writer.VerifyAsync(client, cycle, random);
            }

            await client.GetAsync("Services"); // the child has compiled its request path: the kill timer counts writes, not JIT
            var killAfter = TimeSpan.FromMilliseconds(20 + random.Next(600));
            using var stop = new CancellationTokenSource();
            var running = writers.Select(w => Task.Run(() => w.WriteUntilKilledAsync(client, new Random(random.Next()), stop.Token))).ToArray();
            await Task.Delay(killAfter);
            child.KillHard();
            await stop.CancelAsync();
            totalAcknowledged += (await Task.WhenAll(running)).Sum();
        }

        using var last = await ChildFake.StartAsync(dir.Path, snapshotEvery: 5000);
        using var lastHttp = new HttpClient();
        var lastClient = new ServerlessClient(lastHttp, last.Url);
        foreach (var writer in writers)
        {
            await writer.VerifyAsync(lastClient, Cycles, random, everything: true);
        }

        Assert.That(totalAcknowledged, Is.GreaterThan(Cycles), "the writers got writes acknowledged between kills");
        TestContext.Out.WriteLine($"{totalAcknowledged} acknowledged writes over {Cycles} kill -9 cycles");
    }

    /// <summary>One writer's own service, and what the fake acknowledged to it.</summary>
    private sealed class Writer(int index)
    {
        private readonly List<string> _acknowledged = []; // paths (under /v1/) of every acknowledged resource
        private readonly List<string> _environments = [];
        private readonly Dictionary<string, (string Sid, string? BuildSid)> _lastDeployment = [];
        private readonly Dictionary<string, List<string>> _deployments = []; // a clear deletes the environment's earlier deployments
        private readonly List<string> _builds = [];
        private string? _service;
        private string? _version;
        private string? _inFlightDeployTo; // the environment a deployment was being made to when the fake died
        private int _verifiedUpTo;
        private int _attempts; // in unique names: a create in flight at a kill may exist, so a name is never tried twice

        /// <summary>Writes until the fake dies; returns how many writes it acknowledged.</summary>
        public async Task<int> WriteUntilKilledAsync(ServerlessClient client, Random random, CancellationToken stop)
        {
            var count = 0;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await WriteOneAsync(client, random);
                    count++;
                }
                catch (Exception ex) when (ex is HttpRequestException { StatusCode: null } or TaskCanceledException or IOException)
                {
                    return count; // the fake was killed mid-request: this write was never acknowledged
                }
            }

            return count;
        }

        /// <summary>Checks the restarted fake against what was acknowledged before the kill.</summary>
        public async Task VerifyAsync(ServerlessClient client, int cycle, Random random, bool everything = false)
        {
            // Every write acknowledged since the last check, and a sample of the older ones.
            var paths = _acknowledged.Skip(_verifiedUpTo).ToList();
            if (!everything && _verifiedUpTo > 0)
            {
                paths.AddRange(Enumerable.Range(0, 20).Select(_ => _acknowledged[random.Next(_verifiedUpTo)]));
            }
            else if (everything)
            {
                paths = _acknowledged;
            }

            foreach (var path in paths)
            {
                Assert.That(await client.GetAsync(path), Is.Not.Null, $"cycle {cycle}, writer {index}: acknowledged {path} is gone");
            }

            _verifiedUpTo = _acknowledged.Count;

            foreach (var environment in _environments)
            {
                var record = await client.GetAsync($"Services/{_service}/Environments/{environment}");
                var page = await client.GetAsync($"Services/{_service}/Environments/{environment}/Deployments?PageSize=1");
                var newest = page!.Value.GetProperty("deployments").EnumerateArray().Select(d => (Sid: d.GetProperty("sid").GetString()!, BuildSid: d.GetProperty("build_sid").GetString())).FirstOrDefault();
                var liveBuild = record!.Value.GetProperty("build_sid").GetString();
                var acknowledged = _lastDeployment.TryGetValue(environment, out var last) ? last : default;

                if (newest.Sid is null)
                {
                    Assert.That(acknowledged.Sid, Is.Null, $"cycle {cycle}: {environment} lost its deployments");
                    Assert.That(liveBuild, Is.Null, $"cycle {cycle}: {environment} has a live build but no deployment (half-there)");
                    continue;
                }

                Assert.That(liveBuild, Is.EqualTo(newest.BuildSid), $"cycle {cycle}: {environment}'s live build is not its newest deployment's (half-there)");
                if (newest.Sid != acknowledged.Sid)
                {
                    // Only the deployment in flight at the kill may be newer than the last acknowledged one; it is wholly there.
                    Assert.That(_inFlightDeployTo, Is.EqualTo(environment), $"cycle {cycle}: {environment}'s newest deployment {newest.Sid} was never sent (last acknowledged {acknowledged.Sid})");
                    Assert.That(await client.GetAsync($"Services/{_service}/Environments/{environment}/Deployments/{newest.Sid}"), Is.Not.Null);
                    Deployed(environment, newest.Sid, newest.BuildSid);
                }

                foreach (var deployment in _deployments.GetValueOrDefault(environment) ?? [])
                {
                    Assert.That(await client.GetAsync($"Services/{_service}/Environments/{environment}/Deployments/{deployment}"), Is.Not.Null, $"cycle {cycle}: acknowledged deployment {deployment} is gone");
                }
            }

            _inFlightDeployTo = null;
        }

        private void Deployed(string environment, string deployment, string? buildSid)
        {
            _lastDeployment[environment] = (deployment, buildSid);
            if (buildSid is null || !_deployments.TryGetValue(environment, out var list))
            {
                _deployments[environment] = list = [];
            }

            list.Add(deployment);
        }

        private async Task WriteOneAsync(ServerlessClient client, Random random)
        {
            if (_service is null)
            {
                try
                {
                    _service = await client.CreateServiceAsync($"writer-{index}");
                }
                catch (HttpRequestException ex) when (ex.StatusCode == System.Net.HttpStatusCode.Conflict)
                {
                    // Created just before a kill, never acknowledged, but wholly there: adopt it.
                    _service = (await client.GetAsync($"Services/writer-{index}"))!.Value.GetProperty("sid").GetString();
                }

                _acknowledged.Add($"Services/{_service}");
                return;
            }

            if (_version is null)
            {
                _version = await client.CreateFunctionVersionAsync(_service, "/hello");
                return;
            }

            _attempts++;
            switch (random.Next(_environments.Count == 0 ? 1 : _builds.Count == 0 ? 3 : 6))
            {
                case 0:
                    var environment = await client.CreateEnvironmentAsync(_service, $"env-{_attempts}");
                    _environments.Add(environment);
                    _acknowledged.Add($"Services/{_service}/Environments/{environment}");
                    break;
                case 1:
                    var owner = _environments[random.Next(_environments.Count)];
                    var variable = await client.CreateVariableAsync(_service, owner, $"KEY_{_attempts}", "value");
                    _acknowledged.Add($"Services/{_service}/Environments/{owner}/Variables/{variable}");
                    break;
                case 2:
                    var build = await client.CreateBuildAsync(_service, _version);
                    _builds.Add(build);
                    _acknowledged.Add($"Services/{_service}/Builds/{build}");
                    break;
                default:
                    var target = _environments[random.Next(_environments.Count)];
                    var live = _lastDeployment.TryGetValue(target, out var current) ? current.BuildSid : null;
                    var choices = _builds.Append(null).Where(b => b != live).ToList(); // deploying what is live is a 409
                    var buildSid = choices[random.Next(choices.Count)];
                    _inFlightDeployTo = target;
                    var deployment = await client.DeployAsync(_service, target, buildSid);
                    _inFlightDeployTo = null;
                    Deployed(target, deployment, buildSid);
                    break;
            }
        }
    }
}
