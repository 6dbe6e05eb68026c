using System.Diagnostics;
using FakeServerless.Tests.Support;

namespace FakeServerless.Tests.Control;

/// <summary>Runs the Node client example (examples/control-api/control-api.test.mjs) against a fake with the control API on a port.</summary>
[Category(TestCategories.RealClients)]
public sealed class NodeExampleTests : ControlTestBase
{
    [Test]
    public async Task ControlApiExample_NodeTestAgainstFake_Passes()
    {
        var example = FindExample();

        var (exitCode, output) = await RunNodeAsync(example, Fake.Url.ToString());

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("# pass 1"), output);
    }

    private static string FindExample()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "examples", "control-api", "control-api.test.mjs");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Assert.Fail($"examples/control-api/control-api.test.mjs was not found above {TestContext.CurrentContext.TestDirectory}.");
        return null!;
    }

    private static async Task<(int ExitCode, string Output)> RunNodeAsync(string example, string url)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--test");
        start.ArgumentList.Add("--test-reporter=tap");
        start.ArgumentList.Add(example);
        start.Environment["FAKE_SERVERLESS_URL"] = url;
        start.Environment["NO_PROXY"] = "127.0.0.1";

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Assert.Fail($"This test runs the Node.js client example and needs `node` (Node.js 20 or later) on PATH: {ex.Message}. build/test.sh installs it (as root); by hand: apt-get install nodejs.");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"node --test did not finish within 2 minutes.{Environment.NewLine}{await stdout}{await stderr}");
            }

            return (process.ExitCode, $"{await stdout}{Environment.NewLine}{await stderr}");
        }
    }
}
