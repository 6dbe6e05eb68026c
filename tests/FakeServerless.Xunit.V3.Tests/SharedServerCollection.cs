namespace FakeServerless.Xunit.V3.Tests;

[CollectionDefinition(Name)]
public sealed class SharedServerCollection : ICollectionFixture<CollectionFakeFixture>
{
    public const string Name = "Shared in-memory fake";
}
