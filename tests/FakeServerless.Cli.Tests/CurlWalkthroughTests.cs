using System.Diagnostics;
using System.Globalization;
using FakeServerless.Cli.Tests.Support;
using FakeServerless.Tests.Support;

namespace FakeServerless.Cli.Tests;

/// <summary>The README's "Quick start (curl, any language)": examples/curl-walkthrough.sh against the CLI, run in process.</summary>
[Category(TestCategories.RealClients)]
public sealed class CurlWalkthroughTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(60);

    [Test]
    public async Task CurlWalkthrough_AgainstTheCli_DeploysServesClearsThen404()
    {
        var missing = new[] { "bash", "curl", "jq" }.Where(tool => FindOnPath(tool) is null).ToArray();
        if (missing.Length > 0)
        {
            Assert.Fail($"examples/curl-walkthrough.sh needs bash, curl and jq; missing on PATH: {string.Join(", ", missing)}. build/test.sh installs them (as root).");
        }

        var script = Path.Combine(RepositoryRoot(), "examples", "curl-walkthrough.sh");
        await using var cli = await CliHarness.StartAsync("--port", "0");

        var (exitCode, output) = await RunAsync(FindOnPath("bash")!, script, cli.Url.Port.ToString(CultureInfo.InvariantCulture));

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("curl-walkthrough: OK"));
        Assert.That(cli.Out.Lines, Has.Some.Match(@"^GET //[a-z0-9-]+\.twil\.io/index\.html 404 \d+ms ServeDomain$"));
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string bash, string script, string port)
    {
        var start = new ProcessStartInfo(bash) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(port);
        start.Environment["NO_PROXY"] = start.Environment["no_proxy"] = "127.0.0.1,localhost";   // curl must not send 127.0.0.1 to a proxy
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The script did not finish within {ScriptTimeout}:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, $"{await stdout}\n{await stderr}");
    }

    private static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FakeServerless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No FakeServerless.sln above {TestContext.CurrentContext.TestDirectory}.");
    }
}
