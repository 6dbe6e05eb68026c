namespace FakeServerless.Xunit.V3.Tests;

/// <summary>A collection fixture of its own type is a server of its own, not the assembly fixture.</summary>
[Collection(SharedServerCollection.Name)]
public sealed class CollectionBesideAssemblyFixtureTests(InMemoryFixture fixture, FakeServerlessFixture assemblyFixture)
{
    [Fact]
    public void Fixture_CollectionAndAssembly_AreTwoServersWithTheirOwnOptions()
    {
        Assert.NotSame(assemblyFixture.Server, fixture.Server);
        Assert.Equal(FakeServerlessTransport.InMemory, fixture.Server.Options.Transport);
        Assert.Equal(BuildCompletion.Manual, fixture.Server.Options.BuildCompletion);
    }
}
