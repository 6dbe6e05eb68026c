using System.Diagnostics;
using System.Net;
using System.Text.Json;
using FakeServerless.Clients.Tests.Installs;
using FakeServerless.Clients.Tests.Support;

namespace FakeServerless.Clients.Tests;

/// <summary>
/// The contract-behaviour demo as real tools run it: examples/functions-project deployed with <c>twilio-run deploy</c> through
/// the proxy to a fake in Node mode, then its domain called through the proxy (HTTPS, as a browser or Twilio would) and
/// through the port with a Host header: the functions' own answers, Twilio's request rules and limits, logs read back with
/// <c>twilio-run logs</c> and <c>twilio serverless:logs</c>, promote, redeploy, clear, and a build whose dependency does not
/// exist. Needs Node.js 18+ with npm (the fake installs <c>@twilio/runtime-handler</c> and the project's <c>ms</c>).
/// </summary>
[Category("RealClients")]
[Category("Node")]
[Parallelizable(ParallelScope.All)]
public sealed class DeployedFunctionsTests
{
    /// <summary>twilio-run crashes printing tokens shorter than 32 characters.</summary>
    private const string AuthToken = "0123456789abcdef0123456789abcdef";

    [Test]
    public async Task Deploy_ThenCallEachFunction_TheCodeAnswersOnTheDomain()
    {
        var script = await ClientInstalls.TwilioRunAsync();
        using var proxy = StartFake();
        using var project = new FunctionsProject();
        var domain = await DeployAsync(proxy, script, project);
        using var https = proxy.CreateClient();

        using var sms = await https.GetAsync($"https://{domain}/sms?Body=hi");
        using var smsOnPort = await OnPortAsync(proxy, domain, HttpMethod.Get, "/sms?Body=port");
        using var whoami = await https.GetAsync($"https://{domain}/whoami?name=Ada");
        using var duration = await https.GetAsync($"https://{domain}/duration?value=1h");
        using var secret = await https.GetAsync($"https://{domain}/secret");
        using var secretAsset = await https.GetAsync($"https://{domain}/secret.txt");
        using var services = await https.GetAsync($"https://{domain}/services");
        using var index = await OnPortAsync(proxy, domain, HttpMethod.Get, "/");

        Assert.Multiple(async () =>
        {
            Assert.That(sms.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/xml"));
            Assert.That(await sms.Content.ReadAsStringAsync(), Is.EqualTo("""<?xml version="1.0" encoding="UTF-8"?><Response><Message>You said: hi</Message></Response>"""));
            Assert.That(await smsOnPort.Content.ReadAsStringAsync(), Does.Contain("You said: port"));
            var me = JsonDocument.Parse(await whoami.Content.ReadAsStringAsync()).RootElement;
            Assert.That(me.GetProperty("greeting").GetString(), Is.EqualTo("Hello, Ada"), "GREETING from .env is a Variable");
            Assert.That(me.GetProperty("domain").GetString(), Is.EqualTo(domain));
            Assert.That(await duration.Content.ReadAsStringAsync(), Is.EqualTo("""{"input":"1h","milliseconds":3600000}"""));
            Assert.That(await secret.Content.ReadAsStringAsync(), Is.EqualTo("Only functions can read this: a private asset."));
            Assert.That(secretAsset.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a private asset is not served");
            Assert.That(await services.Content.ReadAsStringAsync(), Is.EqualTo("""["functions-project"]"""), "getTwilioClient() reaches this fake");
            Assert.That(await index.Content.ReadAsStringAsync(), Does.Contain("functions-project"));
        });
    }

    [Test]
    public async Task Deploy_ThenBreakTheRules_TwiliosAnswersAndTheLogsShowInTwilioRunLogs()
    {
        var script = await ClientInstalls.TwilioRunAsync();
        using var proxy = StartFake();
        using var project = new FunctionsProject();
        var domain = await DeployAsync(proxy, script, project);
        using var https = proxy.CreateClient();

        using var put = await https.PutAsync($"https://{domain}/whoami", new StringContent("x"));
        using var getWithBody = await https.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"https://{domain}/whoami") { Content = new StringContent("a body") });
        using var options = await https.SendAsync(new HttpRequestMessage(HttpMethod.Options, $"https://{domain}/whoami"));
        using var slow = await https.GetAsync($"https://{domain}/slow");
        using var boom = await https.GetAsync($"https://{domain}/boom");
        using var whoami = await OnPortAsync(proxy, domain, HttpMethod.Post, "/whoami", new FormUrlEncodedContent([new("name", "Grace")]));
        var (exit, logs) = await TwilioRunAsync(proxy, script, project, "logs", "--environment", "dev");

        Assert.Multiple(() =>
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(getWithBody.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(options.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(slow.StatusCode, Is.EqualTo(HttpStatusCode.GatewayTimeout));
            Assert.That(boom.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(whoami.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(exit, Is.Zero, logs);
            Assert.That(logs, Does.Contain("whoami called by Grace").And.Contain("slow started").And.Contain("runtime application timed out").And.Contain("boom from the functions project"));
        });
    }

    [Test]
    public async Task Promote_ThenRedeployDev_EachDomainAnswersFromItsBuild_ThenClearStopsItAll()
    {
        var script = await ClientInstalls.TwilioRunAsync();
        using var proxy = StartFake();
        using var project = new FunctionsProject();
        var dev = await DeployAsync(proxy, script, project);
        var (promoted, promoteOutput) = await TwilioRunAsync(proxy, script, project, "promote", "--source-environment", "dev", "--environment", "prod", "--create-environment", "--force");
        Assert.That(promoted, Is.Zero, promoteOutput);
        var prod = proxy.Fake.Snapshot().Environments.Single(e => e.DomainSuffix == "prod").DomainName;
        File.WriteAllText(Path.Combine(project.Directory, "functions", "hello.js"), "exports.handler = (context, event, callback) => callback(null, 'Hello from the second build');\n");
        await DeployAsync(proxy, script, project);
        using var https = proxy.CreateClient();

        using var devHello = await https.GetAsync($"https://{dev}/hello");
        using var prodHello = await https.GetAsync($"https://{prod}/hello");
        using var devWho = await https.GetAsync($"https://{dev}/whoami");
        using var prodWho = await https.GetAsync($"https://{prod}/whoami");
        var pids = new[] { devWho, prodWho }.Select(r => JsonDocument.Parse(r.Content.ReadAsStringAsync().Result).RootElement.GetProperty("pid").GetInt32()).ToList();

        Assert.That(await devHello.Content.ReadAsStringAsync(), Is.EqualTo("Hello from the second build"));
        Assert.That(await prodHello.Content.ReadAsStringAsync(), Is.EqualTo("Hello from FakeServerless"));
        Assert.That(pids.Distinct().Count(), Is.EqualTo(2), "each environment's build runs in its own process");

        var snapshot = proxy.Fake.Snapshot();
        var service = snapshot.Services.Single();
        var account = proxy.Fake.Account();
        foreach (var environment in snapshot.Environments)
        {
            account.Deploy(service.Sid, environment.Sid, null); // clear, as the CLI's API command does
        }

        foreach (var (domain, path) in new[] { dev, prod }.SelectMany(d => FunctionsProject.Functions.Select(f => (d, f.Path)).Concat([(d, "/index.html"), (d, "/")])))
        {
            using var gone = await https.GetAsync($"https://{domain}{path}");
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), $"{domain}{path}");
        }

        var deadline = Stopwatch.StartNew();
        while (pids.Any(IsRunning) && deadline.Elapsed < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(50);
        }

        Assert.That(pids.Where(IsRunning), Is.Empty, "the builds' Node processes stop once nothing serves them");
    }

    [Test]
    public async Task Deploy_WithADependencyThatDoesNotExist_TheBuildFailsAndSoDoesTheDeploy()
    {
        var script = await ClientInstalls.TwilioRunAsync();
        using var proxy = StartFake();
        using var project = new FunctionsProject();
        var manifest = Path.Combine(project.Directory, "package.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"ms\": \"2.1.3\"", "\"ms\": \"2.1.3\", \"this-package-does-not-exist\": \"^9.9.9\"", StringComparison.Ordinal));

        var (exit, output) = await TwilioRunAsync(proxy, script, project, "deploy", "--env", ".env", "--load-system-env", "--force", "--override-existing-project");

        Assert.That(exit, Is.Not.Zero, output);
        var build = proxy.Fake.Snapshot().Builds.Single();
        Assert.That(build.Status, Is.EqualTo(BuildStatus.Failed));
        Assert.That(proxy.Fake.BuildFailureReason(build.Sid), Does.Contain("this-package-does-not-exist"));
        Assert.That(proxy.Fake.Snapshot().Environments.Single().BuildSid, Is.Null, "nothing was deployed");
    }

    [Test]
    public async Task ServerlessLogs_OfTheTwilioCli_ShowsWhatTheFunctionsPrinted()
    {
        var cli = await ClientInstalls.TwilioCliAsync();
        var script = await ClientInstalls.TwilioRunAsync();
        using var proxy = StartFake();
        using var project = new FunctionsProject();
        var domain = await DeployAsync(proxy, script, project);
        using var https = proxy.CreateClient();
        using var whoami = await https.GetAsync($"https://{domain}/whoami?name=Linus");
        var key = proxy.Fake.CreateApiKey();
        var service = proxy.Fake.Snapshot().Services.Single();
        var home = Directory.CreateTempSubdirectory("fakeserverless-cli-home-");
        try
        {
            var start = ChildProcess.For(proxy, "node", cli, "serverless:logs", "--service-sid", service.Sid, "--environment", "dev");
            start.WorkingDirectory = project.Directory;
            start.Environment.Remove("TWILIO_AUTH_TOKEN");
            start.Environment["TWILIO_ACCOUNT_SID"] = key.AccountSid;
            start.Environment["TWILIO_API_KEY"] = key.Sid;
            start.Environment["TWILIO_API_SECRET"] = key.Secret;
            start.Environment["NODE_EXTRA_CA_CERTS"] = proxy.Fake.CertificateAuthorityPath!;
            foreach (var (name, value) in ClientInstalls.TwilioCliEnvironment(home.FullName))
            {
                start.Environment[name] = value;
            }

            var (exit, output) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(2));

            Assert.That(exit, Is.Zero, output);
            Assert.That(output, Does.Contain("whoami called by Linus"));
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    private static ProxyFake StartFake()
    {
        try
        {
            return new ProxyFake(o =>
            {
                o.AuthToken = AuthToken;
                o.FunctionRuntime = FunctionRuntime.Node;
                o.FunctionTimeout = TimeSpan.FromSeconds(2);
            });
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("Node.js", StringComparison.Ordinal))
        {
            Assert.Fail($"These tests need Node.js 18+ with npm on PATH: {ex.Message}");
            throw;
        }
    }

    /// <summary><c>twilio-run deploy</c> of the project to its <c>dev</c> environment; the environment's domain.</summary>
    private static async Task<string> DeployAsync(ProxyFake proxy, string script, FunctionsProject project)
    {
        var (exit, output) = await TwilioRunAsync(proxy, script, project, "deploy", "--env", ".env", "--load-system-env", "--force", "--override-existing-project");
        Assert.That(exit, Is.Zero, output);
        return proxy.Fake.Snapshot().Environments.Single(e => e.DomainSuffix == "dev").DomainName;
    }

    private static Task<(int Exit, string Output)> TwilioRunAsync(ProxyFake proxy, string script, FunctionsProject project, params string[] arguments)
    {
        var start = ChildProcess.For(proxy, "node", [script, .. arguments, "--username", proxy.Fake.AccountSid, "--password", proxy.Fake.AuthToken]);
        start.WorkingDirectory = project.Directory;
        start.Environment["ACCOUNT_SID"] = proxy.Fake.AccountSid;
        start.Environment["AUTH_TOKEN"] = proxy.Fake.AuthToken;
        start.Environment["NODE_EXTRA_CA_CERTS"] = proxy.Fake.CertificateAuthorityPath!;
        start.Environment["CI"] = "true";
        return ChildProcess.RunAsync(start, TimeSpan.FromMinutes(5));
    }

    /// <summary>A request to the fake's port with the domain in the Host header, as curl -H "Host: …" sends it.</summary>
    private static async Task<HttpResponseMessage> OnPortAsync(ProxyFake proxy, string domain, HttpMethod method, string pathAndQuery, HttpContent? content = null)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(method, new Uri(proxy.Fake.Url, pathAndQuery)) { Content = content };
        request.Headers.Host = domain;
        var answer = await client.SendAsync(request);
        await answer.Content.LoadIntoBufferAsync();
        return answer;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
