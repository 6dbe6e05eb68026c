namespace FakeServerless.Xunit.V3.Tests;

/// <summary>A fixture of its own type for the collection (the assembly fixture is a plain <see cref="FakeServerlessFixture"/>): in memory, manual builds.</summary>
public sealed class CollectionFakeFixture : FakeServerlessFixture
{
    protected override FakeServerlessOptions Configure() =>
        new() { Transport = FakeServerlessTransport.InMemory, BuildCompletion = BuildCompletion.Manual };
}
