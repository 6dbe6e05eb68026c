using System.Diagnostics;
using System.Globalization;
using FakeServerless.Clients.Tests.Installs;

namespace FakeServerless.Clients.Tests;

/// <summary>
/// The README's functions-project walkthrough (examples/functions-project/walkthrough.sh): twilio-run deploys, redeploys and
/// promotes the project to a fake in Node mode, and the function's own answer changes with each step until a clear answers 404.
/// </summary>
[Category("RealClients")]
[Category("Node")]
public sealed class FunctionsWalkthroughTests
{
    [Test]
    public async Task Walkthrough_AgainstANodeModeFake_TheAnswerFollowsEachDeploy()
    {
        var twilioRun = await ClientInstalls.TwilioRunAsync();
        using var proxy = new ProxyFake(o => o.FunctionRuntime = FunctionRuntime.Node);
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(ChildProcess.RepositoryRoot(), "examples", "functions-project", "walkthrough.sh"));
        start.ArgumentList.Add(proxy.Fake.Url.Port.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(proxy.Fake.ProxyUrl!.ToString().TrimEnd('/'));
        start.ArgumentList.Add(proxy.Fake.CertificateAuthorityPath!);
        foreach (var variable in new[] { "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy", "NODE_EXTRA_CA_CERTS" })
        {
            start.Environment.Remove(variable);
        }

        start.Environment["TWILIO_RUN"] = twilioRun;

        var (exit, output) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(8));

        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Contain("functions-walkthrough: OK"));
    }
}
