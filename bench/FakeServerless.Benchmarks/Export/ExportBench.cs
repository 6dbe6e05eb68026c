using System.Diagnostics;
using System.Globalization;

namespace FakeServerless.Benchmarks.Export;

/// <summary>
/// Issue 6's target "Export() + Import() of 100,000 deployments, each under 1 second", plus the JSON round trip of that
/// export: the string API (<see cref="FakeServerlessState.ToJson"/> / <see cref="FakeServerlessState.FromJson"/>) for information,
/// the UTF-8 byte and stream APIs against the same 1 s target.
/// </summary>
internal static class ExportBench
{
    public const int Deployments = 100_000;

    private static readonly TimeSpan Target = TimeSpan.FromSeconds(1);

    public static void Run(TextWriter output, BenchSettings settings)
    {
        var count = settings.Quick ? Deployments / 10 : Deployments;
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "FakeServerless export/import ({0}: {1:N0} deployments, {2} cores)", settings.Quick ? "quick" : "full", count, Environment.ProcessorCount));
        using var fake = FakeServerlessServer.StartInMemory();
        var seeding = Stopwatch.GetTimestamp();
        Seed(fake, count);
        Line(output, "seed via Account().Deploy(...)", Stopwatch.GetElapsedTime(seeding), null);

        var exporting = Stopwatch.GetTimestamp();
        var state = fake.ExportState();
        Line(output, "Export", Stopwatch.GetElapsedTime(exporting), Target);

        using var restored = FakeServerlessServer.StartInMemory();
        var importing = Stopwatch.GetTimestamp();
        restored.ImportState(state);
        Line(output, "Import (into a fresh in-memory fake)", Stopwatch.GetElapsedTime(importing), Target);

        var restoredCount = restored.Snapshot().Deployments.Count;
        if (restoredCount != fake.Snapshot().Deployments.Count)
        {
            throw new InvalidOperationException($"The restored fake holds {restoredCount:N0} deployments, the original {fake.Snapshot().Deployments.Count:N0}.");
        }

        var serializing = Stopwatch.GetTimestamp();
        var json = state.ToJson();
        Line(output, string.Create(CultureInfo.InvariantCulture, $"(info) ToJson of the export, {json.Length / 1024.0 / 1024.0:F1} M chars"), Stopwatch.GetElapsedTime(serializing), null);

        var parsing = Stopwatch.GetTimestamp();
        _ = FakeServerlessState.FromJson(json);
        Line(output, "(info) FromJson of that text", Stopwatch.GetElapsedTime(parsing), null);

        var serializingUtf8 = Stopwatch.GetTimestamp();
        var utf8 = state.ToJsonUtf8();
        Line(output, string.Create(CultureInfo.InvariantCulture, $"ToJsonUtf8 of the export, {utf8.Length / 1024.0 / 1024.0:F1} MiB"), Stopwatch.GetElapsedTime(serializingUtf8), Target);

        var parsingUtf8 = Stopwatch.GetTimestamp();
        _ = FakeServerlessState.FromJsonUtf8(utf8);
        Line(output, "FromJsonUtf8 of those bytes", Stopwatch.GetElapsedTime(parsingUtf8), Target);

        using var stream = new MemoryStream();
        var writing = Stopwatch.GetTimestamp();
        state.WriteJson(stream);
        Line(output, "WriteJson to a MemoryStream", Stopwatch.GetElapsedTime(writing), Target);

        stream.Position = 0;
        var reading = Stopwatch.GetTimestamp();
        _ = FakeServerlessState.ReadJson(stream);
        Line(output, "ReadJson from that stream", Stopwatch.GetElapsedTime(reading), Target);
    }

    /// <summary>
    /// One service, one environment, two completed builds deployed alternately (deploying the live build again is a 409), so
    /// the environment holds <paramref name="count"/> deployments.
    /// </summary>
    public static void Seed(FakeServerlessServer fake, int count)
    {
        var account = fake.Account();
        var service = account.CreateService("export");
        var environment = account.CreateEnvironment(service.Sid, "stage", "stage");
        var function = account.CreateFunction(service.Sid, "hello");
        var version = account.CreateFunctionVersion(service.Sid, function.Sid, "/hello", "exports.handler = (c, e, cb) => cb(null, 'hi');");
        string[] builds = [account.CreateBuild(service.Sid, [version.Sid]).Sid, account.CreateBuild(service.Sid, [version.Sid]).Sid];
        for (var i = 0; i < count; i++)
        {
            account.Deploy(service.Sid, environment.Sid, builds[i % 2]);
        }
    }

    private static void Line(TextWriter output, string what, TimeSpan elapsed, TimeSpan? target)
    {
        var verdict = target is { } t ? (elapsed < t ? $"  (target < {t.TotalSeconds:F0} s)  PASS" : $"  (target < {t.TotalSeconds:F0} s)  MISS") : string.Empty;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {what + ":",-60} {elapsed.TotalMilliseconds,8:F0} ms{verdict}"));
    }
}
