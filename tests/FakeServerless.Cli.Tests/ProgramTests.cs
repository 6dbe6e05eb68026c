using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using FakeServerless.Cli.Tests.Support;

namespace FakeServerless.Cli.Tests;

/// <summary>The real executable, as a script would run it: <c>dotnet FakeServerless.Cli.dll --port 0</c>.</summary>
public sealed class ProgramTests
{
    private const int Sigterm = 15;

    [Test]
    public async Task Main_RealProcess_ListensAnswersLogsAndExits0OnSignal()
    {
        var dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "FakeServerless.Cli.dll");
        Assert.That(File.Exists(dll), Is.True, dll);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add("0");
        var stdout = new LineWriter();
        var stderr = new LineWriter();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) stdout.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) stderr.WriteLine(e.Data); };

        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var listening = await stdout.WaitForLineAsync(l => l.StartsWith("Listening on ", StringComparison.Ordinal), CliHarness.Timeout);
            var url = new Uri(CliHarness.ListeningLine().Match(listening).Groups["url"].Value);
            using var http = new HttpClient { BaseAddress = url, Timeout = CliHarness.Timeout };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("AC00000000000000000000000000000001:fake-auth-token")));
            using var response = await http.GetAsync("/v1/Services");
            var body = await response.Content.ReadAsStringAsync();
            var logged = await stdout.WaitForLineAsync(l => l.StartsWith("GET /v1/Services ", StringComparison.Ordinal), CliHarness.Timeout);

            Assert.That(listening, Does.Match(@"^Listening on http://127\.0\.0\.1:\d+$"));
            Assert.That((int)response.StatusCode, Is.EqualTo(200), body);
            Assert.That(body, Does.Contain("\"services\":[]"));
            Assert.That(logged, Does.Match(@"^GET /v1/Services 200 \d+ms ListService$"));

            if (OperatingSystem.IsWindows())
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(CliHarness.Timeout);
            }
            else
            {
                Assert.That(Kill(process.Id, Sigterm), Is.Zero, "kill(SIGTERM) failed");
                await process.WaitForExitAsync().WaitAsync(CliHarness.Timeout);
                Assert.That(process.ExitCode, Is.Zero, stderr.ToString());
                Assert.That(stdout.Lines[^1], Is.EqualTo("Stopping."));
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
