using System.Diagnostics;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace FakeServerless.Contract.Live;

/// <summary>
/// <c>dotnet test</c> of this very assembly as a child process with the given environment; the outcome is read from its
/// TRX file, and its console output is kept only for messages, with its summary line renamed so a CI script summing
/// <c>Passed!</c>/<c>Failed!</c> lines does not count the child's tests twice.
/// </summary>
internal sealed partial class ChildTestRun
{
    /// <summary>Proxy, CA and live-target variables the parent may carry, removed so only the run's own apply.</summary>
    private static readonly string[] Inherited =
    [
        "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY",
        "SSL_CERT_DIR", "SSL_CERT_FILE", Target.LiveSettings.AccountSidVariable, Target.LiveSettings.AuthTokenVariable,
    ];

    private ChildTestRun(int exitCode, string output, XDocument? trx)
    {
        ExitCode = exitCode;
        Output = SummaryLine().Replace(output, "child $1:");
        Trx = trx;
    }

    public int ExitCode { get; }

    /// <summary>stdout then stderr, summary lines renamed.</summary>
    public string Output { get; }

    private XDocument? Trx { get; }

    public int Counter(string name) =>
        Trx?.Descendants().FirstOrDefault(e => e.Name.LocalName == "Counters")?.Attribute(name) is { } value ? int.Parse(value.Value, System.Globalization.CultureInfo.InvariantCulture) : -1;

    /// <summary>Test names (method names) with the given TRX outcome: Passed, Failed, NotExecuted.</summary>
    public IReadOnlyList<string> Tests(string outcome) =>
        Trx is null ? [] : [.. Trx.Descendants().Where(e => e.Name.LocalName == "UnitTestResult" && (string?)e.Attribute("outcome") == outcome).Select(e => (string)e.Attribute("testName")!)];

    public static async Task<ChildTestRun> RunAsync(string filter, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var results = Directory.CreateTempSubdirectory("fsct-results-");
        try
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "test", typeof(ChildTestRun).Assembly.Location, "--nologo", "--filter", filter, "--logger", "trx;LogFileName=child.trx", "--results-directory", results.FullName })
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var variable in Inherited)
            {
                start.Environment.Remove(variable);
            }

            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet test.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"The child dotnet test ran over {timeout}:\n{SummaryLine().Replace(await stdout + await stderr, "child $1:")}");
            }

            var trxPath = Path.Combine(results.FullName, "child.trx");
            var trx = File.Exists(trxPath) ? XDocument.Load(trxPath) : null;
            return new ChildTestRun(process.ExitCode, await stdout + await stderr, trx);
        }
        finally
        {
            results.Delete(recursive: true);
        }
    }

    [GeneratedRegex(@"\b(Passed|Failed)!")]
    private static partial Regex SummaryLine();
}
