using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace FakeServerless.Benchmarks;

/// <summary>
/// Durable mode's cost (run: <c>dotnet run -c Release --project bench/FakeServerless.Benchmarks -- durable [--quick]</c>):
/// writes per second over HTTP (WireMock) with state in memory, durable with <c>synchronous=NORMAL</c> (the default) and durable
/// with <c>FULL</c>, each with 1 and 4 concurrent clients; then the time to restart on a data directory holding 100,000
/// deployments, after a clean stop (snapshot only) and after a crash with a full snapshot interval of writes to replay
/// (<c>--restart-only</c> skips the write rates). Reads per second (FetchService and ListDeployment in turn) in memory and durable,
/// with 1 and 4 concurrent clients, come first (<c>--reads-only</c> runs only them).
/// </summary>
internal static class DurableBench
{
    private const string AccountSid = "AC00000000000000000000000000000001";

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = args.Contains("--quick");
        var writes = quick ? 1000 : 4000;
        var deployments = quick ? 20_000 : 100_000;
        var root = Path.Combine(Path.GetTempPath(), "fake-serverless-durable-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            if (args.Contains("--restart-only"))
            {
                await RestartAsync(Path.Combine(root, "restart"), deployments);
                return 0;
            }

            await ReadsAsync(root, quick);
            Console.WriteLine();
            if (args.Contains("--reads-only"))
            {
                return 0;
            }

            Seeding(root, quick ? [250, 1000] : [500, 2000]);
            Console.WriteLine();
            Console.WriteLine($"Durable writes over HTTP (deployments, {writes} per run; writes/s, higher is better)");
            Console.WriteLine("| state | 1 client | 4 clients |");
            Console.WriteLine("| --- | ---: | ---: |");
            var memory = await RowAsync("in memory", null, fullSync: false, writes);
            var normal = await RowAsync("durable, synchronous=NORMAL (default)", Path.Combine(root, "normal"), fullSync: false, writes);
            var full = await RowAsync("durable, synchronous=FULL", Path.Combine(root, "full"), fullSync: true, writes);
            Console.WriteLine(FormattableString.Invariant($"Durable NORMAL / in memory: {normal.One / memory.One:P0} (1 client), {normal.Four / memory.Four:P0} (4 clients); FULL: {full.One / memory.One:P0}, {full.Four / memory.Four:P0}"));
            Console.WriteLine();
            await RestartAsync(Path.Combine(root, "restart"), deployments);
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }

        return 0;
    }

    private static async Task ReadsAsync(string root, bool quick)
    {
        // Four callers plus Kestrel's own work on 2 cores: without a floor the pool injects threads slowly during the first figures.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(io, 16));
        var duration = quick ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromSeconds(3);
        Console.WriteLine($"Reads (FetchService and ListDeployment in turn, {duration.TotalSeconds:0.#} s per figure after a warm-up until the JIT is quiet, best of 2 interleaved runs; reads/s, higher is better; the last column with one more client deploying back to back)");
        Console.WriteLine("| transport | state | 1 client | 4 clients | 4 clients + 1 writer |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: |");
        var targets = new List<(string Transport, string State, ReadTarget Target)>();
        try
        {
            foreach (var transport in new[] { FakeServerlessTransport.Http, FakeServerlessTransport.InMemory })
            {
                var name = transport == FakeServerlessTransport.Http ? "HTTP (WireMock)" : "in process (HttpMessageHandler)";
                targets.Add((name, "in memory", await ReadTarget.StartAsync(transport, null)));
                targets.Add((name, "durable", await ReadTarget.StartAsync(transport, Path.Combine(root, "reads-" + transport))));
            }

            var best = new double[targets.Count, 3];
            for (var run = 0; run < 2; run++)
            {
                for (var t = 0; t < targets.Count; t++)
                {
                    for (var c = 0; c < 3; c++)
                    {
                        best[t, c] = Math.Max(best[t, c], await targets[t].Target.ReadsPerSecondAsync(c == 0 ? 1 : 4, duration, withWriter: c == 2));
                    }
                }
            }

            for (var t = 0; t < targets.Count; t++)
            {
                Console.WriteLine(FormattableString.Invariant($"| {targets[t].Transport} | {targets[t].State} | {best[t, 0]:N0} | {best[t, 1]:N0} | {best[t, 2]:N0} |"));
            }

            for (var t = 0; t < targets.Count; t += 2)
            {
                Console.WriteLine(FormattableString.Invariant($"{targets[t].Transport}: durable reads / in memory: {best[t + 1, 0] / best[t, 0]:P0} (1 client), {best[t + 1, 1] / best[t, 1]:P0} (4 clients), {best[t + 1, 2] / best[t, 2]:P0} (4 clients + 1 writer)"));
            }
        }
        finally
        {
            foreach (var (_, _, target) in targets)
            {
                await target.DisposeAsync();
            }
        }
    }

    /// <summary>Seeding from C#: N services created with <c>fake.Account().CreateService</c>, in memory and durable.</summary>
    private static void Seeding(string root, int[] counts)
    {
        Console.WriteLine("Seeding from C# (N services with fake.Account().CreateService, after a warm-up; milliseconds, lower is better)");
        Console.WriteLine($"| state | {string.Join(" | ", counts.Select(n => FormattableString.Invariant($"N = {n:N0}")))} |");
        Console.WriteLine($"| --- | {string.Join(" | ", counts.Select(_ => "---:"))} |");
        foreach (var durable in new[] { false, true })
        {
            var times = new List<double>();
            foreach (var count in counts)
            {
                Seed(durable ? Path.Combine(root, "seed-warm") : null, 100); // JIT
                times.Add(Seed(durable ? Path.Combine(root, FormattableString.Invariant($"seed-{count}")) : null, count));
            }

            Console.WriteLine(FormattableString.Invariant($"| {(durable ? "durable" : "in memory")} | {string.Join(" | ", times.Select(t => t.ToString("N0", CultureInfo.InvariantCulture)))} |"));
        }

        static double Seed(string? dataDirectory, int count)
        {
            if (dataDirectory is not null && Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }

            using var fake = FakeServerlessServer.StartInMemory(Durable(new FakeServerlessOptions(), dataDirectory, fullSync: false));
            var account = fake.Account();
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < count; i++)
            {
                account.CreateService(FormattableString.Invariant($"seeded-{i}"));
            }

            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    }

    private static async Task<(double One, double Four)> RowAsync(string name, string? dataDirectory, bool fullSync, int writes)
    {
        var one = await WritesPerSecondAsync(dataDirectory is null ? null : dataDirectory + "-1", fullSync, clients: 1, writes);
        var four = await WritesPerSecondAsync(dataDirectory is null ? null : dataDirectory + "-4", fullSync, clients: 4, writes);
        Console.WriteLine(FormattableString.Invariant($"| {name} | {one:N0} | {four:N0} |"));
        return (one, four);
    }

    private static async Task<double> WritesPerSecondAsync(string? dataDirectory, bool fullSync, int clients, int writes)
    {
        var options = Durable(new FakeServerlessOptions { JournalCapacity = 100 }, dataDirectory, fullSync);
        await using var fake = FakeServerlessServer.Start(options);
        using var http = Client(fake.Url);
        var targets = new List<(string Service, string Environment, string BuildA, string BuildB)>();
        for (var c = 0; c < clients; c++)
        {
            targets.Add(await SetUpAsync(http, $"bench-{c}"));
        }

        // Warm up (JIT, connection pool), then measure.
        await Task.WhenAll(targets.Select(t => DeployManyAsync(http, t, 50)));
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(targets.Select(t => DeployManyAsync(http, t, writes / clients)));
        return writes / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task DeployManyAsync(HttpClient http, (string Service, string Environment, string BuildA, string BuildB) target, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await PostAsync(http, $"Services/{target.Service}/Environments/{target.Environment}/Deployments", ("BuildSid", i % 2 == 0 ? target.BuildA : target.BuildB));
        }
    }

    private static async Task RestartAsync(string dataDirectory, int deployments)
    {
        // 100 environments x (deployments / 100) deployments, made in memory from C# (fast), then imported into a durable fake.
        FakeServerlessState state;
        using (var source = FakeServerlessServer.StartInMemory())
        {
            var account = source.Account();
            var service = account.CreateService("big");
            var function = account.CreateFunction(service.Sid, "hello");
            var version = account.CreateFunctionVersion(service.Sid, function.Sid, "/hello", "exports.handler = () => {};");
            var builds = new[] { account.CreateBuild(service.Sid, [version.Sid]).Sid, account.CreateBuild(service.Sid, [version.Sid]).Sid };
            source.Snapshot(); // builds finish on first look
            for (var e = 0; e < 100; e++)
            {
                var environment = account.CreateEnvironment(service.Sid, $"env-{e}", $"e{e}");
                for (var d = 0; d < deployments / 100; d++)
                {
                    account.Deploy(service.Sid, environment.Sid, builds[d % 2]);
                }
            }

            state = source.ExportState();
        }

        using (var durable = FakeServerlessServer.Start(new FakeServerlessOptions().UseDurableState(dataDirectory)))
        {
            durable.ImportState(state); // snapshotted before it returns
        }

        var clean = await TimeStartAsync(dataDirectory);
        var size = new FileInfo(Path.Combine(dataDirectory, "fake-serverless.db")).Length;

        // A crash just before the next snapshot: snapshot interval - 1 logged writes to replay.
        var crashed = dataDirectory + "-crashed";
        var interval = new DurableStateOptions().SnapshotInterval;
        using (var durable = FakeServerlessServer.Start(new FakeServerlessOptions().UseDurableState(dataDirectory)))
        {
            using var http = Client(durable.Url);
            var target = await SetUpAsync(http, "after");
            await DeployManyAsync(http, target, interval - 1 - 7); // SetUpAsync wrote 7 rows
            CopyAsCrashed(dataDirectory, crashed);
        }

        var replay = await TimeStartAsync(crashed);
        Console.WriteLine($"Restart with {deployments:N0} deployments (data file {size / 1_000_000.0:N1} MB; start to first answer, lower is better)");
        Console.WriteLine("| data directory | restart (wall) | CPU |");
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine(FormattableString.Invariant($"| after a clean stop (snapshot only) | {clean.Wall.TotalSeconds:N2} s | {clean.Cpu.TotalSeconds:N2} s |"));
        Console.WriteLine(FormattableString.Invariant($"| after kill -9, {interval - 1:N0} writes to replay | {replay.Wall.TotalSeconds:N2} s | {replay.Cpu.TotalSeconds:N2} s |"));
    }

    /// <summary>Wall time and this process's CPU time (less sensitive to a busy machine) from start to first answer.</summary>
    private static async Task<(TimeSpan Wall, TimeSpan Cpu)> TimeStartAsync(string dataDirectory)
    {
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        await using var fake = FakeServerlessServer.Start(new FakeServerlessOptions().UseDurableState(dataDirectory));
        using var http = Client(fake.Url);
        using var response = await http.GetAsync(new Uri(fake.Url, "/v1/Services"));
        response.EnsureSuccessStatusCode();
        var wall = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        return (wall, process.TotalProcessorTime - cpu);
    }

    /// <summary>The database and its WAL as a kill -9 leaves them (the running fake has not folded the WAL in).</summary>
    private static void CopyAsCrashed(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var suffix in new[] { string.Empty, "-wal" })
        {
            var source = Path.Combine(from, "fake-serverless.db" + suffix);
            if (File.Exists(source))
            {
                using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var output = File.Create(Path.Combine(to, "fake-serverless.db" + suffix));
                input.CopyTo(output);
            }
        }
    }

    private static async Task<(string Service, string Environment, string BuildA, string BuildB)> SetUpAsync(HttpClient http, string name)
    {
        var service = await PostAsync(http, "Services", ("UniqueName", name), ("FriendlyName", name));
        var environment = await PostAsync(http, $"Services/{service}/Environments", ("UniqueName", "staging"), ("DomainSuffix", "staging"));
        var function = await PostAsync(http, $"Services/{service}/Functions", ("FriendlyName", "hello"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent("/hello"), "Path" },
            { new StringContent("public"), "Visibility" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("exports.handler = () => {};")) { Headers = { ContentType = new MediaTypeHeaderValue("application/javascript") } }, "Content", "hello.js" },
        };
        var version = await SendAsync(http, $"Services/{service}/Functions/{function}/Versions", form);
        var buildA = await PostAsync(http, $"Services/{service}/Builds", ("FunctionVersions", version));
        var buildB = await PostAsync(http, $"Services/{service}/Builds", ("FunctionVersions", version));
        await PostAsync(http, $"Services/{service}/Environments/{environment}/Deployments", ("BuildSid", buildB));
        return (service, environment, buildA, buildB);
    }

    private static Task<string> PostAsync(HttpClient http, string path, params (string Key, string Value)[] fields) =>
        SendAsync(http, path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))));

    private static async Task<string> SendAsync(HttpClient http, string path, HttpContent content)
    {
        using (content)
        {
            using var response = await http.PostAsync(new Uri("/v1/" + path, UriKind.Relative), content);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {body}");
            }

            return JsonDocument.Parse(body).RootElement.GetProperty("sid").GetString()!;
        }
    }

    /// <summary>A fake with one service, environment and deployment, read back to back by 1 or 4 clients.</summary>
    private sealed class ReadTarget : IAsyncDisposable
    {
        private FakeServerlessServer _fake = null!;
        private HttpClient _http = null!;
        private Uri[] _urls = [];
        private (string Service, string Environment, string BuildA, string BuildB) _deployTarget;
        private int _deployed; // across rounds, so the writer never deploys the build that is live (a 409)

        public static async Task<ReadTarget> StartAsync(FakeServerlessTransport transport, string? dataDirectory)
        {
            var target = new ReadTarget();
            target._fake = FakeServerlessServer.Start(Durable(new FakeServerlessOptions { Transport = transport, JournalCapacity = 100 }, dataDirectory, fullSync: false));
            target._http = Client(target._fake.Url, transport == FakeServerlessTransport.InMemory ? target._fake.CreateHandler() : null);
            var (service, environment, buildA, buildB) = await SetUpAsync(target._http, "reads");
            target._deployTarget = await SetUpAsync(target._http, "writer");
            target._urls =
            [
                new Uri(target._fake.Url, $"/v1/Services/{service}"),
                new Uri(target._fake.Url, $"/v1/Services/{service}/Environments/{environment}/Deployments"),
            ];
            return target;
        }

        public async Task<double> ReadsPerSecondAsync(int clients, TimeSpan duration, bool withWriter)
        {
            await JitQuiet.WarmUpAsync(() => ReadForAsync(clients, TimeSpan.FromMilliseconds(250), withWriter));
            GC.Collect();
            var started = Stopwatch.GetTimestamp();
            var reads = await ReadForAsync(clients, duration, withWriter);
            return reads / Stopwatch.GetElapsedTime(started).TotalSeconds;
        }

        public async ValueTask DisposeAsync()
        {
            _http.Dispose();
            await _fake.DisposeAsync();
        }

        private async Task<long> ReadForAsync(int clients, TimeSpan duration, bool withWriter)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
            var writer = withWriter
                ? Task.Run(async () =>
                {
                    while (Stopwatch.GetTimestamp() < deadline)
                    {
                        await PostAsync(_http, $"Services/{_deployTarget.Service}/Environments/{_deployTarget.Environment}/Deployments", ("BuildSid", _deployed++ % 2 == 0 ? _deployTarget.BuildA : _deployTarget.BuildB));
                    }
                })
                : Task.CompletedTask;
            var loops = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
            {
                long count = 0;
                while (Stopwatch.GetTimestamp() < deadline)
                {
                    using var response = await _http.GetAsync(_urls[(count + c) % 2], HttpCompletionOption.ResponseContentRead);
                    var body = await response.Content.ReadAsByteArrayAsync();
                    if (!response.IsSuccessStatusCode || body.Length == 0)
                    {
                        throw new InvalidOperationException($"GET answered {(int)response.StatusCode}");
                    }

                    count++;
                }

                return count;
            })).ToArray();
            var reads = (await Task.WhenAll(loops)).Sum();
            await writer;
            return reads;
        }
    }

    /// <summary>The options, durable in <paramref name="dataDirectory"/> when it is set (in memory otherwise).</summary>
    private static FakeServerlessOptions Durable(FakeServerlessOptions options, string? dataDirectory, bool fullSync) =>
        dataDirectory is null ? options : options.UseDurableState(dataDirectory, durable => durable.FullSync = fullSync);

    private static HttpClient Client(Uri url, HttpMessageHandler? handler = null)
    {
        var http = handler is null ? new HttpClient { BaseAddress = url } : new HttpClient(handler, disposeHandler: true) { BaseAddress = url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:fake-auth-token")));
        return http;
    }
}
