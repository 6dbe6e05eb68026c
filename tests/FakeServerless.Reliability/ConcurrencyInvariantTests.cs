using System.Collections.Concurrent;
using System.Text.Json;
using FakeServerless.Reliability.Support;

namespace FakeServerless.Reliability;

/// <summary>
/// Writers deploying, clearing, creating and deleting at once on a real port. Afterwards: each environment's build_sid is its
/// newest deployment's, every listed item is fetchable, nothing acknowledged is lost and nothing deleted comes back.
/// </summary>
[TestFixture]
public sealed class ConcurrencyInvariantTests
{
    private const int Writers = 8;
    private const string Account = "AC00000000000000000000000000000001";

    [Test]
    public async Task Writers_AtOnce_EveryInvariantHolds()
    {
        using var target = await Target.StartAsync("Http");
        var api = new Api(target.Client, Account);
        var canary = await Canary.CreateAsync(api);
        var service = $"/Services/{canary.ServiceSid}";
        var environments = new List<string> { canary.EnvironmentSid };
        for (var i = 0; i < 2; i++)
        {
            environments.Add(await api.CreateAsync($"{service}/Environments", ("UniqueName", $"env-{i}"), ("DomainSuffix", $"e{i}")));
        }

        // Start and acknowledgement order of every deployment: a clearing deployment deletes the environment's earlier ones.
        var deployments = new ConcurrentBag<(string Environment, string Sid, bool Clears, long Started, long Acknowledged)>();
        long sequence = 0;
        var alive = new ConcurrentDictionary<string, string>(); // url of a created, not deleted resource -> sid
        var deleted = new ConcurrentBag<string>();
        var operations = Scale.Of(60);

        await Parallel.ForEachAsync(Enumerable.Range(0, Writers), new ParallelOptions { MaxDegreeOfParallelism = Writers }, async (writer, _) =>
        {
            var random = new Random(writer);
            var mine = new List<string>();
            for (var i = 0; i < operations; i++)
            {
                var environment = environments[random.Next(environments.Count)];
                var deploymentsUrl = $"{service}/Environments/{environment}/Deployments";
                switch (random.Next(5))
                {
                    case 0 or 1:
                        var build = await api.CreateAsync($"{service}/Builds", ("FunctionVersions", canary.FunctionVersionSid));
                        var started = Interlocked.Increment(ref sequence);
                        var deployment = await api.CreateAsync(deploymentsUrl, ("BuildSid", build));
                        deployments.Add((environment, deployment, false, started, Interlocked.Increment(ref sequence)));
                        break;
                    case 2:
                        // Clearing an environment that is already clear is refused (409): only a 201 is acknowledged.
                        var clearStarted = Interlocked.Increment(ref sequence);
                        var (status, body) = await api.PostAsync(deploymentsUrl);
                        Assert.That(status, Is.AnyOf(201, 409), body);
                        if (status == 201)
                        {
                            deployments.Add((environment, Api.Field(body, "sid"), true, clearStarted, Interlocked.Increment(ref sequence)));
                        }

                        break;
                    case 3:
                        var url = random.Next(2) == 0
                            ? $"{service}/Environments/{environment}/Variables"
                            : $"{service}/Functions";
                        var sid = url.EndsWith("Variables", StringComparison.Ordinal)
                            ? await api.CreateAsync(url, ("Key", $"K{writer}x{i}"), ("Value", "v"))
                            : await api.CreateAsync(url, ("FriendlyName", $"f{writer}x{i}"));
                        alive[$"{url}/{sid}"] = sid;
                        mine.Add($"{url}/{sid}");
                        break;
                    default:
                        if (mine.Count > 0)
                        {
                            var victim = mine[random.Next(mine.Count)];
                            mine.Remove(victim);
                            var (deleteStatus, deleteBody) = await api.DeleteAsync(victim);
                            Assert.That(deleteStatus, Is.EqualTo(204), deleteBody);
                            alive.TryRemove(victim, out var _);
                            deleted.Add(victim);
                        }

                        break;
                }
            }
        });

        var violations = new List<string>();
        foreach (var environment in environments)
        {
            var listed = await api.ListAllAsync($"{service}/Environments/{environment}/Deployments", "deployments");
            var listedSids = listed.Select(d => d.GetProperty("sid").GetString()).ToHashSet();
            var (_, environmentBody) = await api.GetAsync($"{service}/Environments/{environment}");
            var expected = listed.Count == 0 ? null : listed[0].GetProperty("build_sid").GetString();
            var actual = JsonDocument.Parse(environmentBody).RootElement.GetProperty("build_sid").GetString();
            if (actual != expected)
            {
                violations.Add($"environment {environment}: build_sid {actual}, newest deployment's {expected}");
            }

            var ours = deployments.Where(d => d.Environment == environment).ToList();
            var clears = ours.Where(d => d.Clears).ToList();

            // Lost: acknowledged, and every clearing deployment of its environment had finished before it started.
            violations.AddRange(ours
                .Where(d => !listedSids.Contains(d.Sid) && clears.All(c => c.Sid == d.Sid || c.Acknowledged < d.Started))
                .Select(d => $"deployment {d.Sid} acknowledged but not listed"));
            violations.AddRange(listedSids.Where(sid => environment != canary.EnvironmentSid || sid != canary.DeploymentSid)
                .Where(sid => ours.All(d => d.Sid != sid)).Select(sid => $"deployment {sid} listed but never acknowledged"));
            foreach (var sid in listedSids)
            {
                await ExpectAsync(api, $"{service}/Environments/{environment}/Deployments/{sid}", 200, violations);
            }

            foreach (var variable in await api.ListAllAsync($"{service}/Environments/{environment}/Variables", "variables"))
            {
                await ExpectAsync(api, $"{service}/Environments/{environment}/Variables/{variable.GetProperty("sid").GetString()}", 200, violations);
            }
        }

        foreach (var listedBuild in await api.ListAllAsync($"{service}/Builds", "builds"))
        {
            await ExpectAsync(api, $"{service}/Builds/{listedBuild.GetProperty("sid").GetString()}", 200, violations);
        }

        foreach (var function in await api.ListAllAsync($"{service}/Functions", "functions"))
        {
            await ExpectAsync(api, $"{service}/Functions/{function.GetProperty("sid").GetString()}", 200, violations);
        }

        foreach (var url in alive.Keys)
        {
            await ExpectAsync(api, url, 200, violations);
        }

        foreach (var url in deleted)
        {
            await ExpectAsync(api, url, 404, violations);
        }

        violations.ForEach(Figures.Violation);
        TestContext.Progress.WriteLine($"Concurrency: {Writers} writers x {operations} operations, {deployments.Count} deployments, {alive.Count} live and {deleted.Count} deleted resources checked.");
        Assert.That(violations, Is.Empty);
    }

    private static async Task ExpectAsync(Api api, string url, int status, List<string> violations)
    {
        var (actual, body) = await api.GetAsync(url);
        if (actual != status)
        {
            violations.Add($"GET {url}: {actual}, expected {status}: {body}");
        }
    }
}
