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
/// (<c>--restart-only</c> skips the write rates).
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

    private static async Task<(double One, double Four)> RowAsync(string name, string? dataDirectory, bool fullSync, int writes)
    {
        var one = await WritesPerSecondAsync(dataDirectory is null ? null : dataDirectory + "-1", fullSync, clients: 1, writes);
        var four = await WritesPerSecondAsync(dataDirectory is null ? null : dataDirectory + "-4", fullSync, clients: 4, writes);
        Console.WriteLine(FormattableString.Invariant($"| {name} | {one:N0} | {four:N0} |"));
        return (one, four);
    }

    private static async Task<double> WritesPerSecondAsync(string? dataDirectory, bool fullSync, int clients, int writes)
    {
        var options = new FakeServerlessOptions { DataDirectory = dataDirectory, DurableFullSync = fullSync, JournalCapacity = 100 };
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

        using (var durable = FakeServerlessServer.Start(new FakeServerlessOptions { DataDirectory = dataDirectory }))
        {
            durable.ImportState(state); // snapshotted before it returns
        }

        var clean = await TimeStartAsync(dataDirectory);
        var size = new FileInfo(Path.Combine(dataDirectory, "fake-serverless.db")).Length;

        // A crash just before the next snapshot: snapshot interval - 1 logged writes to replay.
        var crashed = dataDirectory + "-crashed";
        var interval = new FakeServerlessOptions().SnapshotInterval;
        using (var durable = FakeServerlessServer.Start(new FakeServerlessOptions { DataDirectory = dataDirectory }))
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
        await using var fake = FakeServerlessServer.Start(new FakeServerlessOptions { DataDirectory = dataDirectory });
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

    private static HttpClient Client(Uri url)
    {
        var http = new HttpClient { BaseAddress = url };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:fake-auth-token")));
        return http;
    }
}
