namespace FakeServerless.Clients.Tests.Installs;

/// <summary>
/// Each client installs (or is found in the cache) at the major version the client tests are written for. CI runs these
/// first (<c>--filter FullyQualifiedName~ClientInstallTests</c>) so an install failure shows early and on its own.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class ClientInstallTests
{
    [Test]
    public async Task NodeSdk_Installs_Twilio6()
    {
        var modules = await ClientInstalls.NodeSdkAsync();

        Assert.That(ClientInstalls.MajorVersion(Path.Combine(modules, "twilio")), Is.EqualTo(6));
        Assert.That(ClientInstalls.MajorVersion(Path.Combine(modules, "https-proxy-agent")), Is.Not.Null, "deploy.js uses twilio-node's own proxy agent");
    }

    [Test]
    public async Task DeployToolkit_Installs_ServerlessApi5()
    {
        var modules = await ClientInstalls.DeployToolkitAsync();

        Assert.That(ClientInstalls.MajorVersion(Path.Combine(modules, "@twilio-labs", "serverless-api")), Is.EqualTo(5));
    }

    [Test]
    public async Task TwilioRun_Installs_TwilioRun5()
    {
        var script = await ClientInstalls.TwilioRunAsync();

        Assert.That(File.Exists(script), script);
        Assert.That(ClientInstalls.MajorVersion(Path.GetDirectoryName(Path.GetDirectoryName(script))!), Is.EqualTo(5));
    }

    [Test]
    public async Task TwilioCli_Installs_Cli6WithTheServerlessPlugin()
    {
        var cli = await ClientInstalls.TwilioCliAsync();

        Assert.That(ClientInstalls.MajorVersion(Path.GetDirectoryName(Path.GetDirectoryName(cli))!), Is.EqualTo(6));
        Assert.That(ClientInstalls.MajorVersion(Path.Combine(ClientInstalls.TwilioCliDataDirectory, "node_modules", "@twilio-labs", "plugin-serverless")), Is.EqualTo(3));
    }

    [Test]
    [Platform(Include = "Linux", Reason = "Debian's python3-twilio.")]
    public async Task PythonSdk_Installs_DebianPython3Twilio()
    {
        var python = await ClientInstalls.PythonSdkAsync();

        var (exit, output) = await ChildProcess.RunAsync(ClientInstalls.Command(python, "-c", "import twilio; print(twilio.__version__)"), TimeSpan.FromMinutes(1));
        Assert.That(exit, Is.Zero, output);
        Assert.That(output, Does.Match(@"^\d+\.\d+"));
    }
}
