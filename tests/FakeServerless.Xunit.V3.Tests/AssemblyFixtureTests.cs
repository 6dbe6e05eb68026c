namespace FakeServerless.Xunit.V3.Tests;

/// <summary>The shared tests on the assembly fixture, shared with classes that run in parallel.</summary>
public sealed class AssemblyFixtureTests(FakeServerlessFixture fixture) : SharedFixtureTests(fixture)
{
    [Fact]
    public void CreateScope_InsideATest_NamedAfterTheTest()
    {
        var test = TestContext.Current.Test!;

        Assert.Equal(test.TestDisplayName, Fake.Name);
        Assert.Equal(FakeServerlessScope.AccountSidFor(test.TestDisplayName), Fake.AccountSid);
    }
}
