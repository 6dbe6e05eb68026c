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

    /// <summary>
    /// Node mode's processes never outlive the fake: after <c>kill -9</c> of the CLI, the Node process that ran a deployed
    /// function exits by itself (its stdin pipe closed). Needs Node.js 18+ with npm.
    /// </summary>
    [Test]
    [Category("Node")]
    [Platform(Include = "Linux", Reason = "kill -9 and /proc.")]
    public async Task Main_KilledWithSigkill_ItsNodeProcessesExitToo()
    {
        var dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "FakeServerless.Cli.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { dll, "--port", "0", "--functions", "node" })
        {
            start.ArgumentList.Add(argument);
        }

        var stdout = new LineWriter();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) stdout.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) stdout.WriteLine(e.Data); };
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var listening = await stdout.WaitForLineAsync(l => l.StartsWith("Listening on ", StringComparison.Ordinal), CliHarness.Timeout);
            var url = new Uri(CliHarness.ListeningLine().Match(listening).Groups["url"].Value);
            using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("AC00000000000000000000000000000001:fake-auth-token")));
            var pid = int.Parse(await DeployAndCallAsync(http, "exports.handler = (context, event, callback) => callback(null, String(process.pid));"), System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(File.Exists($"/proc/{pid}/status"), Is.True, "the function's Node process runs");

            Assert.That(Kill(process.Id, 9), Is.Zero, "kill(SIGKILL) failed");
            await process.WaitForExitAsync().WaitAsync(CliHarness.Timeout);

            var watch = Stopwatch.StartNew();
            while (IsAlive(pid) && watch.Elapsed < TimeSpan.FromMinutes(1))
            {
                await Task.Delay(50);
            }

            Assert.That(IsAlive(pid), Is.False, $"Node process {pid} outlived the killed fake");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Service, environment, function, upload, build (waited for), deployment; then the function's answer on its domain.</summary>
    private static async Task<string> DeployAndCallAsync(HttpClient http, string code)
    {
        async Task<System.Text.Json.JsonElement> PostAsync(string path, HttpContent content)
        {
            using var answer = await http.PostAsync(path, content);
            var body = await answer.Content.ReadAsStringAsync();
            Assert.That(answer.IsSuccessStatusCode, Is.True, $"{path}: {body}");
            return System.Text.Json.JsonDocument.Parse(body).RootElement.Clone();
        }

        FormUrlEncodedContent Form(params (string Key, string Value)[] values) => new(values.Select(v => new KeyValuePair<string, string>(v.Key, v.Value)));
        var service = (await PostAsync("/v1/Services", Form(("UniqueName", "killed"), ("FriendlyName", "Killed")))).GetProperty("sid").GetString();
        var environment = await PostAsync($"/v1/Services/{service}/Environments", Form(("UniqueName", "dev"), ("DomainSuffix", "dev")));
        var function = (await PostAsync($"/v1/Services/{service}/Functions", Form(("FriendlyName", "pid")))).GetProperty("sid").GetString();
        var upload = new MultipartFormDataContent { { new StringContent("/pid"), "Path" }, { new StringContent("public"), "Visibility" } };
        upload.Add(new StringContent(code, Encoding.UTF8, "application/javascript"), "Content", "pid.js");
        var version = (await PostAsync($"/v1/Services/{service}/Functions/{function}/Versions", upload)).GetProperty("sid").GetString();
        var build = (await PostAsync($"/v1/Services/{service}/Builds", Form(("FunctionVersions", version!)))).GetProperty("sid").GetString();
        for (var status = "building"; status == "building"; await Task.Delay(100))
        {
            status = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"/v1/Services/{service}/Builds/{build}/Status")).RootElement.GetProperty("status").GetString();
            Assert.That(status, Is.AnyOf("building", "completed"));
            if (status == "completed")
            {
                break;
            }
        }

        await PostAsync($"/v1/Services/{service}/Environments/{environment.GetProperty("sid").GetString()}/Deployments", Form(("BuildSid", build!)));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/pid");
        request.Headers.Host = environment.GetProperty("domain_name").GetString();
        using var called = await http.SendAsync(request);
        var text = await called.Content.ReadAsStringAsync();
        Assert.That(called.IsSuccessStatusCode, Is.True, text);
        return text;
    }

    private static bool IsAlive(int pid) =>
        File.Exists($"/proc/{pid}/status") && !File.ReadAllText($"/proc/{pid}/status").Contains("State:\tZ", StringComparison.Ordinal);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
