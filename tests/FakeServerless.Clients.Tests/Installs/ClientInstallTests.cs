using System.Text.Json;
using FakeServerless.Clients.Tests.Support;

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

    /// <summary>
    /// Node mode's own install, through the fake itself: <c>@twilio/runtime-handler</c> (the default version) and the
    /// dependencies of examples/functions-project into the fake's npm cache (<c>FAKESERVERLESS_NODE_CACHE</c>, default
    /// <c>~/.cache/FakeServerless/node</c>), as a build of the project installs them.
    /// </summary>
    [Test]
    public void NodeFunctions_InstallRuntimeHandlerAndTheProjectsDependencies()
    {
        using var fake = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { FunctionRuntime = FunctionRuntime.Node });
        var account = fake.Account();
        var service = account.CreateService("install");
        var function = account.CreateFunction(service.Sid, "hello");
        var version = account.CreateFunctionVersion(service.Sid, function.Sid, "/hello", FunctionsProject.HelloSource);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(ChildProcess.RepositoryRoot(), "examples", "functions-project", "package.json")));
        var dependencies = manifest.RootElement.GetProperty("dependencies").EnumerateObject().Select(d => new BuildDependency(d.Name, d.Value.GetString()!)).ToList();

        var build = account.CreateBuild(service.Sid, [version.Sid], dependencies: dependencies);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(10);
        while (fake.Snapshot().Build(build.Sid)!.Status == BuildStatus.Building && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(200);
        }

        Assert.That(fake.Snapshot().Build(build.Sid)!.Status, Is.EqualTo(BuildStatus.Completed), () => $"in {fake.NodeCacheDirectory}: {fake.BuildFailureReason(build.Sid)}");
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
