namespace FakeServerless.Xunit.Tests;

/// <summary>The classes of this collection share one fake (and run one after another, as a collection does).</summary>
[CollectionDefinition(Name)]
public sealed class SharedServerCollection : ICollectionFixture<FakeServerlessFixture>
{
    public const string Name = "Shared fake";
}
