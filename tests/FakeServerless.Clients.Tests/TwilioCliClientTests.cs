using System.Diagnostics;
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

    private static ProcessStartInfo Twilio(ProxyFake proxy, string cli, ApiKey key, FunctionsProject project, string home, params string[] arguments)
    {
        var start = ChildProcess.For(proxy, "node", [cli, .. arguments]);
        start.WorkingDirectory = project.Directory;
        start.Environment.Remove("TWILIO_AUTH_TOKEN");
        start.Environment.Remove("TWILIO_PROFILE");
        start.Environment["TWILIO_ACCOUNT_SID"] = key.AccountSid;
        start.Environment["TWILIO_API_KEY"] = key.Sid;
        start.Environment["TWILIO_API_SECRET"] = key.Secret;
        start.Environment["NODE_EXTRA_CA_CERTS"] = proxy.Fake.CertificateAuthorityPath!;
        foreach (var (name, value) in ClientInstalls.TwilioCliEnvironment(home))
        {
            start.Environment[name] = value;
        }

        return start;
    }
}
