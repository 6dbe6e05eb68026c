namespace FakeServerless.Xunit.Tests;

/// <summary>The classes of this collection share one configured fake (and run one after another, as a collection does).</summary>
[CollectionDefinition(Name)]
public sealed class SharedServerCollection : ICollectionFixture<InMemoryFixture>
{
    public const string Name = "Shared in-memory fake";
}
