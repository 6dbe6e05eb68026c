using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using FakeServerless.Container.Tests.Support;

namespace FakeServerless.Container.Tests;

/// <summary>
/// The image runs deployed functions (Node.js and @twilio/runtime-handler are inside it): examples/functions-project deployed
/// with twilio-run through the container's proxy, then its functions called through the proxy. The project's one npm
/// dependency comes from the host's Node cache (mounted read-only, as CI warmed it), so the container needs no registry.
/// Needs twilio-run 5 in <c>$FAKESERVERLESS_NPM_CACHE</c> (<c>build/test.sh</c> installs it) and Node.js on the host.
/// </summary>
[Category("Node")]
public sealed class NodeFunctionsContainerTests
{
    private const string AuthToken = "0123456789abcdef0123456789abcdef";

    [Test]
    public async Task Run_FunctionsProjectDeployedWithTwilioRun_ItsFunctionsAnswer()
    {
        var twilioRun = Path.Combine(NpmCache, "twilio-run", "node_modules", "twilio-run", "bin", "twilio-run.js");
        Assert.That(File.Exists(twilioRun), Is.True, $"twilio-run 5 is not installed at {twilioRun}: run build/test.sh (it installs it).");
        var ca = Directory.CreateTempSubdirectory("fakeserverless-container-ca-");
        var project = Directory.CreateTempSubdirectory("fakeserverless-container-project-");
        try
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(ca.FullName, (UnixFileMode)0b111_111_111); // the container's user writes its CA here
            }
            var runArgs = new List<string>
            {
                "-e", "FAKESERVERLESS_PROXY_PORT=4011", "-p", "127.0.0.1::4011", "-v", $"{ca.FullName}:/data/ca",
                "-e", $"FAKESERVERLESS_AUTH_TOKEN={AuthToken}",
            };
            if (Directory.Exists(Path.Combine(HostNodeCache, "deps")))
            {
                runArgs.AddRange(["-v", $"{Path.Combine(HostNodeCache, "deps")}:/opt/fake-serverless/node-cache/deps:ro"]);
            }

            await using var fake = await FakeContainer.StartAsync([.. runArgs]);
            var proxyMapping = (await Docker.RunAsync("port", fake.Id, "4011/tcp")).Split('\n')[0].Trim();
            var proxy = new Uri($"http://127.0.0.1:{proxyMapping[(proxyMapping.LastIndexOf(':') + 1)..]}");
            var caPem = Path.Combine(ca.FullName, "ca.pem");
            CopyProject(project.FullName);

            var (exit, output) = await RunAsync(twilioRun, project.FullName, proxy, caPem);
            Assert.That(exit, Is.Zero, $"{output}\n{await fake.LogsAsync()}");

            var environment = (await Twilio.Rest.Serverless.V1.Service.EnvironmentResource.ReadAsync("functions-project", client: fake.Twilio(authToken: AuthToken))).Single();
            using var https = ThroughProxy(proxy, caPem);
            using var sms = await https.GetAsync($"https://{environment.DomainName}/sms?Body=container");
            using var whoami = await https.GetAsync($"https://{environment.DomainName}/whoami?name=Docker");
            using var duration = await https.GetAsync($"https://{environment.DomainName}/duration?value=1m");
            using var services = await https.GetAsync($"https://{environment.DomainName}/services");

            Assert.Multiple(async () =>
            {
                Assert.That(sms.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/xml"));
                Assert.That(await sms.Content.ReadAsStringAsync(), Does.Contain("<Message>You said: container</Message>"));
                Assert.That(JsonDocument.Parse(await whoami.Content.ReadAsStringAsync()).RootElement.GetProperty("greeting").GetString(), Is.EqualTo("Hello, Docker"));
                Assert.That(await duration.Content.ReadAsStringAsync(), Is.EqualTo("""{"input":"1m","milliseconds":60000}"""));
                Assert.That(await services.Content.ReadAsStringAsync(), Is.EqualTo("""["functions-project"]"""));
            });
            Assert.That(await fake.LogsAsync(), Does.Contain("Functions run on Node.js v22."));
        }
        finally
        {
            project.Delete(recursive: true);
            ca.Delete(recursive: true);
        }
    }

    private static string NpmCache =>
        Environment.GetEnvironmentVariable("FAKESERVERLESS_NPM_CACHE") is { Length: > 0 } configured ? configured : Path.Combine(Path.GetTempPath(), "fakeserverless-npm");

    /// <summary>The host's Node-mode cache, where CI's install step put the project's dependencies.</summary>
    private static string HostNodeCache =>
        Environment.GetEnvironmentVariable("FAKESERVERLESS_NODE_CACHE") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "FakeServerless", "node");

    private static void CopyProject(string target)
    {
        var source = Path.Combine(RepositoryRoot(), "examples", "functions-project");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string twilioRun, string project, Uri proxy, string caPem)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = project };
        foreach (var argument in new[] { twilioRun, "deploy", "--env", ".env", "--load-system-env", "--force" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "HTTPS_PROXY", "https_proxy", "http_proxy", "NO_PROXY", "no_proxy" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["HTTP_PROXY"] = proxy.ToString();
        start.Environment["NODE_EXTRA_CA_CERTS"] = caPem;
        start.Environment["ACCOUNT_SID"] = FakeContainer.AccountSid;
        start.Environment["AUTH_TOKEN"] = AuthToken;
        start.Environment["CI"] = "true";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        return (process.HasExited ? process.ExitCode : -1, await stdout + await stderr);
    }

    private static HttpClient ThroughProxy(Uri proxy, string caPem)
    {
        var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
        policy.CustomTrustStore.Add(X509CertificateLoader.LoadCertificateFromFile(caPem));
        return new HttpClient(new SocketsHttpHandler
        {
            Proxy = new WebProxy(proxy),
            UseProxy = true,
            SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = policy },
        }) { Timeout = TimeSpan.FromSeconds(60) };
    }

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
