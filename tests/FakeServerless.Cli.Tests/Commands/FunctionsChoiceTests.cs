using System.Net;
using FakeServerless.Cli.Commands;
using FakeServerless.Cli.Tests.Support;

namespace FakeServerless.Cli.Tests.Commands;

/// <summary>
/// What runs deployed functions in the standalone fake (<c>--functions</c>, <c>FAKESERVERLESS_FUNCTIONS</c>): Node when Node.js 18+
/// is on PATH and the fake listens on loopback; on any other address only when asked, with a warning; the start-up line says
/// which Node runs functions or why they are not run.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class FunctionsChoiceTests
{
    private static readonly string MachinePath = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;

    [Test]
    public void Decide_NodeOnPathAndLoopback_RunsNode()
    {
        var choice = FunctionsChoice.Decide(null, IPAddress.Loopback, Path);

        Assert.That(choice.Runtime, Is.EqualTo(FunctionRuntime.Node), "this test needs Node.js 18+ on PATH");
        Assert.That(choice.Line, Does.StartWith("Functions run on Node.js v").And.Contain("@twilio/runtime-handler"));
        Assert.That(choice.Warning, Is.Null);
    }

    [Test]
    public void Decide_NoNodeOnPath_HandlersSayingWhy()
    {
        var choice = FunctionsChoice.Decide(null, IPAddress.Loopback, name => name == "PATH" ? "/nonexistent" : null);

        Assert.That(choice.Runtime, Is.EqualTo(FunctionRuntime.Handlers));
        Assert.That(choice.Line, Does.StartWith("Functions are not run: no Node.js was found on PATH"));
    }

    [Test]
    public void Decide_AllAddressesWithoutAsking_Handlers()
    {
        var choice = FunctionsChoice.Decide(null, IPAddress.Any, Path);

        Assert.That(choice.Runtime, Is.EqualTo(FunctionRuntime.Handlers));
        Assert.That(choice.Line, Does.Contain("--functions node").And.Contain("could run code"));
    }

    [Test]
    public void Decide_AllAddressesAskingForNode_NodeWithAWarning()
    {
        var choice = FunctionsChoice.Decide(FunctionRuntime.Node, IPAddress.Any, Path);

        Assert.That(choice.Runtime, Is.EqualTo(FunctionRuntime.Node));
        Assert.That(choice.Warning, Does.StartWith("Warning: --functions node on 0.0.0.0: anyone who can reach this port can deploy code and run it"));
    }

    [Test]
    public void Decide_AskingForHandlers_Handlers()
    {
        var choice = FunctionsChoice.Decide(FunctionRuntime.Handlers, IPAddress.Loopback, Path);

        Assert.That(choice.Runtime, Is.EqualTo(FunctionRuntime.Handlers));
        Assert.That(choice.Line, Does.StartWith("Functions are not run (--functions handlers)"));
    }

    [Test]
    public async Task RunAsync_FunctionsNodeWithoutNode_Returns1SayingWhatIsMissing()
    {
        var stderr = new LineWriter();

        var code = await CliRunner.RunAsync(["--functions", "node"], name => name == "PATH" ? "/nonexistent" : null, new LineWriter(), stderr, CancellationToken.None);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr.Lines[0], Is.EqualTo("fake-serverless: --functions node needs Node.js 18 or later with npm, and no Node.js was found on PATH."));
    }

    [Test]
    public async Task RunAsync_FunctionsFromItsVariable_PrintsTheRuntimeLine()
    {
        await using var cli = await CliHarness.StartAsync(name => name switch
        {
            "FAKESERVERLESS_FUNCTIONS" => "handlers",
            "PATH" => MachinePath,
            _ => null,
        });

        Assert.That(cli.Out.Lines, Does.Contain("Functions are not run (--functions handlers): deployed functions answer from C# handlers, canned answers (POST /_fake/functions) or a JSON placeholder."));
    }

    [Test]
    public async Task RunAsync_BadFunctionsValue_Returns1()
    {
        var stderr = new LineWriter();

        var code = await CliRunner.RunAsync(["--functions", "python"], _ => null, new LineWriter(), stderr, CancellationToken.None);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr.Lines[0], Is.EqualTo("fake-serverless: --functions must be node or handlers, not 'python'."));
    }

    private static string? Path(string name) => name == "PATH" ? MachinePath : null;
}
