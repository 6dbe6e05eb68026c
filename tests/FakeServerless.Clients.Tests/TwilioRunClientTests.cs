using FakeServerless.Clients.Tests.Installs;
using FakeServerless.Clients.Tests.Support;

namespace FakeServerless.Clients.Tests;

/// <summary>
/// <c>twilio-run deploy</c> (npm <c>twilio-run</c> 5.x), unmodified, from a copy of examples/functions-project as a CI job
/// runs it: credentials in ACCOUNT_SID and AUTH_TOKEN, which <c>--env .env --load-system-env</c> takes for the project's
/// empty .env entries; <c>HTTP_PROXY</c> and <c>NODE_EXTRA_CA_CERTS</c>. twilio-run has no command to clear an environment.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class TwilioRunClientTests
{
    /// <summary>twilio-run prints the token masked to its last characters and crashes on one shorter than Twilio's 32.</summary>
    private const string AuthToken = "0123456789abcdef0123456789abcdef";

    [Test]
    public async Task Deploy_WithLoadSystemEnv_DeploysTheProject()
    {
        var script = await ClientInstalls.TwilioRunAsync();
        using var proxy = new ProxyFake(o => o.AuthToken = AuthToken);
        using var project = new FunctionsProject();

        var (exit, output) = await DeployAsync(proxy, script, project);

        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("\"serviceName\": \"functions-project\"").And.Contain("\"path\": \"/hello\""));
        DeployedState.AssertDeployed(proxy.Fake, "functions-project", cleared: false);
    }

    [Test]
    public async Task Deploy_Twice_RedeploysToTheServiceItRecorded()
    {
        var script = await ClientInstalls.TwilioRunAsync();
        using var proxy = new ProxyFake(o => o.AuthToken = AuthToken);
        using var project = new FunctionsProject();
        var (firstExit, firstOutput) = await DeployAsync(proxy, script, project);
        Assert.That(firstExit, Is.Zero, firstOutput);

        var (exit, output) = await DeployAsync(proxy, script, project);

        Assert.That(exit, Is.Zero, output);
        var snapshot = proxy.Fake.Snapshot();
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Services.Select(s => s.UniqueName), Is.EqualTo(new[] { "functions-project" }));
            Assert.That(snapshot.Functions, Has.Count.EqualTo(FunctionsProject.Functions.Count), "the second deploy reuses the functions");
            Assert.That(snapshot.FunctionVersions, Has.Count.EqualTo(2 * FunctionsProject.Functions.Count));
            Assert.That(snapshot.Deployments, Has.Count.EqualTo(2));
            Assert.That(snapshot.Environments.Single().BuildSid, Is.EqualTo(proxy.Fake.Journal.OfOperation("CreateDeployment")[^1].Parameter("BuildSid")), "the second build is live");
            Assert.That(proxy.Fake.Journal.Failed, Is.Empty);
        });
    }

    private static Task<(int Exit, string Output)> DeployAsync(ProxyFake proxy, string script, FunctionsProject project)
    {
        var start = ChildProcess.For(proxy, "node", script, "deploy", "--env", ".env", "--load-system-env", "--force", "--override-existing-project", "--output-format", "json");
        start.WorkingDirectory = project.Directory;
        start.Environment["ACCOUNT_SID"] = proxy.Fake.AccountSid;
        start.Environment["AUTH_TOKEN"] = proxy.Fake.AuthToken;
        start.Environment["NODE_EXTRA_CA_CERTS"] = proxy.Fake.CertificateAuthorityPath!;
        start.Environment["CI"] = "true";
        return ChildProcess.RunAsync(start, TimeSpan.FromMinutes(3));
    }
}
