using System.Diagnostics;
using System.Globalization;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Benchmarks.Remote;

/// <summary>
/// <c>remote</c> mode: the remote fake's control calls (<see cref="FakeServerlessServer.Connect"/>) on a loopback standalone fake
/// next to the same calls in process, and a suite of NUnit-style tests (a fresh account each: SDK deploy, clear, assertion) on one
/// standalone fake with 4 parallel workers next to the same suite on an in-process fake.
/// <c>dotnet run -c Release --project bench/FakeServerless.Benchmarks -- remote [--quick]</c> (build the CLI in Release first).
/// </summary>
internal static class RemoteBench
{
    private const int Workers = 4;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var quick = args.Contains("--quick");
        var calls = quick ? 200 : 2_000;
        var tests = quick ? 200 : 1_000;
        using var standalone = await StandaloneFake.StartAsync().ConfigureAwait(false);
        using var remote = FakeServerlessServer.Connect(standalone.Url);
        using var local = FakeServerlessServer.Start(new FakeServerlessOptions { EnableControlApi = true, PublicBaseUrl = new Uri("https://serverless.twilio.com") });

        output.WriteLine($"Remote fake: fake-serverless on {standalone.Url} (child process); in process: FakeServerlessServer.Start() on a port.");
        output.WriteLine($"{"call",-42} {"remote median",14} {"p95",8} {"in process",11} {"target",8}");
        foreach (var (name, measure) in new (string, Func<FakeServerlessServer, int, (double Median, double P95)>)[]
        {
            ("Reset() of one account (one service)", ResetAccount),
            ("Faults.When(\"CreateDeployment\")", FaultWhen),
            ("Faults.When(…).TooManyRequests().Once()", FaultWhenFluent),
            ("Snapshot() of a seeded account", SeededSnapshot),
        })
        {
            var (median, p95) = measure(remote, calls);
            var (inProcess, _) = measure(local, calls);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-42} {median,11:0.000} ms {p95,5:0.000} ms {inProcess,8:0.000} ms {(median <= 2 ? "≤ 2 ms" : "MISSED"),8}"));
        }

        remote.Faults.Clear();
        local.Faults.Clear();
        var remoteSuite = await SuiteAsync(remote, tests).ConfigureAwait(false);
        var localSuite = await SuiteAsync(local, tests).ConfigureAwait(false);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{tests:N0} tests (fresh account each: SDK deploy, clear, assertion), {Workers} workers: remote {remoteSuite.TotalSeconds:0.00} s, in process {localSuite.TotalSeconds:0.00} s ({remoteSuite / localSuite:0.0}x)"));
        return 0;
    }

    private static (double, double) ResetAccount(FakeServerlessServer fake, int calls)
    {
        var account = fake.Account("AC0000000000000000000000000000beef");
        return Time(calls, () => account.CreateService("shop"), () => fake.Reset(account.AccountSid));
    }

    private static (double, double) FaultWhen(FakeServerlessServer fake, int calls) =>
        Time(calls, () => fake.Faults.Clear(), () => fake.Faults.When("CreateDeployment"));

    private static (double, double) FaultWhenFluent(FakeServerlessServer fake, int calls) =>
        Time(calls, () => fake.Faults.Clear(), () => fake.Faults.When("CreateDeployment").TooManyRequests().Once());

    private static (double, double) SeededSnapshot(FakeServerlessServer fake, int calls)
    {
        const string account = "AC0000000000000000000000000000cafe";
        fake.Reset(account);
        fake.Seed(account).ServiceLiveIn("staging");
        return Time(calls, () => { }, () => fake.Snapshot(account));
    }

    /// <summary>Median and 95th percentile of <paramref name="timed"/> in ms, each call after an untimed <paramref name="before"/>; warmed up until the JIT is quiet.</summary>
    private static (double Median, double P95) Time(int calls, Action before, Action timed)
    {
        JitQuiet.WarmUp(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                before();
                timed();
            }
        });

        var samples = new double[calls];
        for (var i = 0; i < calls; i++)
        {
            before();
            var started = Stopwatch.GetTimestamp();
            timed();
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(samples);
        return (samples[calls / 2], samples[(int)(calls * 0.95)]);
    }

    /// <summary>The suite's wall time: <paramref name="tests"/> tests on <see cref="Workers"/> workers, each in its own scope.</summary>
    private static async Task<TimeSpan> SuiteAsync(FakeServerlessServer fake, int tests)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, Workers * 5), new ParallelOptions { MaxDegreeOfParallelism = Workers }, (i, _) => OneTestAsync(fake, i)).ConfigureAwait(false);
        var started = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(Enumerable.Range(0, tests), new ParallelOptions { MaxDegreeOfParallelism = Workers }, (i, _) => OneTestAsync(fake, i)).ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>What a test of <c>FakeServerlessTestBase</c> does: a scope, a seeded service, a deploy and a clear through the SDK, assertions, the scope's reset.</summary>
    private static async ValueTask OneTestAsync(FakeServerlessServer fake, int index)
    {
        await using var scope = fake.CreateScope($"test-{index}");
        var scenario = fake.Seed(scope.AccountSid).ServiceReadyToDeploy();
        using var http = scope.CreateHttpClient();
        var twilio = new TwilioRestClient(scope.AccountSid, scope.AuthToken, httpClient: new SystemNetHttpClient(http));
        var staging = scenario.Environment("staging");

        await DeploymentResource.CreateAsync(scenario.Service.Sid, staging.Sid, buildSid: scenario.Build.Sid, client: twilio).ConfigureAwait(false);
        await DeploymentResource.CreateAsync(scenario.Service.Sid, staging.Sid, client: twilio).ConfigureAwait(false);

        var snapshot = await scope.SnapshotAsync().ConfigureAwait(false);
        if (snapshot.Environment(staging.Sid)!.BuildSid is not null || (await scope.Journal.GetEntriesAsync().ConfigureAwait(false)).Count(e => e.Operation == "CreateDeployment") != 2)
        {
            throw new InvalidOperationException($"Test {index}: the environment should be cleared after two deployments.");
        }
    }
}
