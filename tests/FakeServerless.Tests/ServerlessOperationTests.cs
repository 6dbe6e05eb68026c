using FakeServerless.Engine;

namespace FakeServerless.Tests;

public sealed class ServerlessOperationTests
{
    [Test]
    public void All_ComparedWithTheRouteTable_IsEveryRoutedOperationPlusServeDomainAndUnmatched()
    {
        var routed = ServerlessEngine.CreateRoutes().Routes.Select(r => r.Operation);

        Assert.That(ServerlessOperation.All, Is.EquivalentTo(routed.Append("ServeDomain").Append("Unmatched")));
        Assert.That(ServerlessOperation.All, Has.Count.EqualTo(45).And.Unique);
    }

    [Test]
    public void Constants_ByReflection_EachEqualsItsOwnNameAndIsListedInAll()
    {
        var constants = typeof(ServerlessOperation).GetFields()
            .Where(f => f.IsLiteral)
            .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);

        Assert.That(constants.Values, Is.EqualTo(constants.Keys));
        Assert.That(constants.Keys, Is.EquivalentTo(ServerlessOperation.All));
        Assert.That(RequestJournal.UnmatchedOperation, Is.EqualTo(ServerlessOperation.Unmatched));
    }

    [TestCase("CreateDeployment")]
    [TestCase("FetchFunctionVersionContent")]
    [TestCase("ServeDomain")]
    [TestCase("Unmatched")]
    public void ThrowIfUnknown_KnownId_DoesNotThrow(string operation)
    {
        Assert.That(() => ServerlessOperation.ThrowIfUnknown(operation), Throws.Nothing);
        Assert.That(ServerlessOperation.IsKnown(operation), Is.True);
    }

    [TestCase("CreateDeploymnet", "Did you mean 'CreateDeployment'? ")]
    [TestCase("createdeployment", "Did you mean 'CreateDeployment'? ")]
    [TestCase("ListServices", "Did you mean 'ListService'? ")]
    [TestCase("GetService", "Did you mean 'ListService' or 'FetchService'? ")]
    [TestCase("Frobnicate", "")]
    public void ThrowIfUnknown_UnknownId_ThrowsNamingTheClosestIds(string operation, string suggestion)
    {
        var error = Assert.Throws<ArgumentException>(() => ServerlessOperation.ThrowIfUnknown(operation));

        Assert.That(error!.Message, Is.EqualTo($"Unknown operation '{operation}'. {suggestion}Valid ids are listed in ServerlessOperation. (Parameter 'operation')"));
        Assert.That(error.ParamName, Is.EqualTo("operation"));
        Assert.That(ServerlessOperation.IsKnown(operation), Is.False);
    }

    [Test]
    public void ThrowIfUnknown_Empty_ThrowsArgumentException()
    {
        Assert.That(() => ServerlessOperation.ThrowIfUnknown(string.Empty), Throws.ArgumentException);
        Assert.That(ServerlessOperation.IsKnown(null), Is.False);
    }
}
