namespace FakeServerless.Xunit.Tests;

/// <summary>A fixture with its own options: in memory, builds finish only when told.</summary>
public sealed class InMemoryFixture : FakeServerlessFixture
{
    protected override FakeServerlessOptions Configure() =>
        new() { Transport = FakeServerlessTransport.InMemory, BuildCompletion = BuildCompletion.Manual };
}
