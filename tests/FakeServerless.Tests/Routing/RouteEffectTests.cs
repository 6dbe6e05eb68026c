using FakeServerless.Control;
using FakeServerless.Engine;
using FakeServerless.Routing;

namespace FakeServerless.Tests.Routing;

/// <summary>Every route says what it does to state, and what it says fits its method (a GET never writes, nothing else only reads).</summary>
public sealed class RouteEffectTests
{
    [Test]
    public void CreateRoutes_EveryApiRoute_GetsReadOrPollAndTheOthersWriteOrCommand()
    {
        var wrong = ServerlessEngine.CreateRoutes().Routes
            .Where(r => r.Method == "GET" ? r.Effect is not (RouteEffect.Read or RouteEffect.Poll) : r.Effect is not (RouteEffect.Write or RouteEffect.Command))
            .Select(r => $"{r.Method} {r.Template} ({r.Operation}) is {r.Effect}");

        Assert.That(wrong, Is.Empty);
    }

    [Test]
    public void CreateRoutes_Polls_AreTheBuildReadsOnly()
    {
        var polls = ServerlessEngine.CreateRoutes().Routes.Where(r => r.Effect == RouteEffect.Poll).Select(r => r.Operation);

        Assert.That(polls, Is.EquivalentTo(new[] { "ListBuild", "FetchBuild", "FetchBuildStatus" }));
    }

    [Test]
    public void CreateRoutes_Commands_AreTheKeyCreationOnly()
    {
        var commands = ServerlessEngine.CreateRoutes().Routes.Where(r => r.Effect == RouteEffect.Command).Select(r => r.Operation);

        Assert.That(commands, Is.EquivalentTo(new[] { "CreateNewKey" }), "a minted secret is logged as the command that adds it, not as the request");
    }

    [Test]
    public void ControlRoutes_EveryRoute_GetsReadAndTheOthersWriteOrSession()
    {
        var wrong = ControlApi.CreateRoutes().Routes
            .Where(r => r.Method == "GET" ? r.Effect != RouteEffect.Read : r.Effect is not (RouteEffect.Write or RouteEffect.Session))
            .Select(r => $"{r.Method} {r.Template} ({r.Operation}) is {r.Effect}");

        Assert.That(wrong, Is.Empty);
    }
}
