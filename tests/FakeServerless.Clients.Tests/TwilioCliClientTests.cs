using System.Diagnostics;
using System.Text.Json;
using FakeServerless.Clients.Tests.Installs;
using FakeServerless.Clients.Tests.Support;

namespace FakeServerless.Clients.Tests;

/// <summary>
/// The Twilio CLI (npm <c>twilio-cli</c> 6.x with <c>twilio plugins:install @twilio-labs/plugin-serverless</c>), unmodified,
/// authenticating with an API key as its profiles do (TWILIO_ACCOUNT_SID, TWILIO_API_KEY, TWILIO_API_SECRET):
/// <c>twilio serverless:deploy</c> from a copy of examples/functions-project, then a clear with the CLI's generated API
/// command (a deployment without <c>--build-sid</c>). Proxy from <c>HTTP_PROXY</c>, CA from <c>NODE_EXTRA_CA_CERTS</c>;
/// HOME is a throwaway folder so no real ~/.twilio-cli is read or written.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class TwilioCliClientTests
{
    [Test]
    public async Task ServerlessDeploy_WithApiKey_DeploysThenApiCommandClears()
    {
        var cli = await ClientInstalls.TwilioCliAsync();
        using var proxy = new ProxyFake();
        const string owner = "AC000000000000000000000000000000c1";
        var key = proxy.Fake.CreateApiKey(owner);
        using var project = new FunctionsProject();
        var home = Directory.CreateTempSubdirectory("fakeserverless-cli-home-");
        try
        {
            var (deployExit, deployOutput) = await ChildProcess.RunAsync(
                Twilio(proxy, cli, key, project, home.FullName, "serverless:deploy", "--service-name", "cli-deployed", "--force"), TimeSpan.FromMinutes(3));
            Assert.That(deployExit, Is.Zero, deployOutput);
            Assert.That(deployOutput, Does.Contain("cli-deployed").And.Contain("/hello"));

            var snapshot = proxy.Fake.Snapshot(owner);
            var service = snapshot.Service("cli-deployed")!;
            var environment = snapshot.Environments.Single(e => e.ServiceSid == service.Sid);
            var (exit, output) = await ChildProcess.RunAsync(
                Twilio(proxy, cli, key, project, home.FullName, "api:serverless:v1:services:environments:deployments:create", "--service-sid", service.Sid, "--environment-sid", environment.Sid, "-o", "json"),
                TimeSpan.FromMinutes(2));

            Assert.That(exit, Is.Zero, output);
            Assert.That(output, Does.Contain("\"buildSid\": null"));
            DeployedState.AssertDeployed(proxy.Fake, "cli-deployed", cleared: true, owner);
            Assert.That(proxy.Fake.Journal.Entries.Select(e => e.ApiKeySid).Distinct(), Is.EqualTo(new[] { key.Sid }));
            Assert.That(Directory.EnumerateFileSystemEntries(home.FullName, "config.json", SearchOption.AllDirectories), Is.Empty, "no profile was written");
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    [Test]
    [Category("RealClients")]
    public async Task ProfilesCreate_ThroughProxy_StoresAnApiKeyOfTheFakeThatTheProfileThenUses()
    {
        // The standard set-up, non-interactive: profiles:create checks the credentials (GET api.twilio.com/2010-04-01/Accounts/
        // {AC}.json), creates an API key (POST …/Keys.json) and writes it to ~/.twilio-cli/config.json; later commands use that
        // profile's key. The CLI insists on a 32-character auth token.
        var cli = await ClientInstalls.TwilioCliAsync();
        const string token = "0123456789abcdef0123456789abcdef";
        using var proxy = new ProxyFake(o => o.AuthToken = token);
        const string owner = "AC000000000000000000000000000000c5";
        proxy.Fake.Account(owner).CreateService("cli-profile");
        var home = Directory.CreateTempSubdirectory("fakeserverless-cli-home-");
        try
        {
            var (createExit, createOutput) = await ChildProcess.RunAsync(
                Profile(proxy, home.FullName, cli, "profiles:create", owner, "--auth-token", token, "--profile", "fake"), TimeSpan.FromMinutes(2));
            Assert.That(createExit, Is.Zero, createOutput);
            using var config = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(home.FullName, ".twilio-cli", "config.json")));
            var profile = config.RootElement.GetProperty("profiles").GetProperty("fake");
            var stored = (profile.GetProperty("accountSid").GetString(), profile.GetProperty("apiKey").GetString(), profile.GetProperty("apiSecret").GetString());
            Assert.That(proxy.Fake.ExportState().ApiKeys, Is.EqualTo(new[] { new ApiKey(stored.Item2!, stored.Item3!, owner) }), "the key it stored is a key of the fake, owned by the account");
            Assert.That(createOutput, Does.Contain($"Created API Key {stored.Item2}").And.Contain("Saved fake."));

            var (listExit, listOutput) = await ChildProcess.RunAsync(
                Profile(proxy, home.FullName, cli, "api:serverless:v1:services:list", "--profile", "fake", "-o", "json"), TimeSpan.FromMinutes(2));

            Assert.That(listExit, Is.Zero, listOutput);
            Assert.That(listOutput, Does.Contain("\"uniqueName\": \"cli-profile\""));
            Assert.That(proxy.Fake.Journal.Entries.Select(e => (e.Operation, e.StatusCode, e.AccountSid, e.ApiKeySid)), Is.EqualTo(new[]
            {
                ("FetchAccount", 200, owner, (string?)null),
                ("CreateNewKey", 201, owner, null),
                ("ListService", 200, owner, stored.Item2),
            }));
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    /// <summary>The CLI with only a throwaway HOME for credentials: no TWILIO_* variables, so profiles decide.</summary>
    private static ProcessStartInfo Profile(ProxyFake proxy, string home, string cli, params string[] arguments)
    {
        var start = ChildProcess.For(proxy, "node", [cli, .. arguments]);
        foreach (var variable in new[] { "TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_API_KEY", "TWILIO_API_SECRET", "TWILIO_PROFILE" })
        {
            start.Environment.Remove(variable);
        }

        start.Environment["NODE_EXTRA_CA_CERTS"] = proxy.Fake.CertificateAuthorityPath!;
        foreach (var (name, value) in ClientInstalls.TwilioCliEnvironment(home))
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static ProcessStartInfo Twilio(ProxyFake proxy, string cli, ApiKey key, FunctionsProject project, string home, params string[] arguments)
    {
        var start = Profile(proxy, home, cli, arguments);
        start.WorkingDirectory = project.Directory;
        start.Environment["TWILIO_ACCOUNT_SID"] = key.AccountSid;
        start.Environment["TWILIO_API_KEY"] = key.Sid;
        start.Environment["TWILIO_API_SECRET"] = key.Secret;
        return start;
    }
}
