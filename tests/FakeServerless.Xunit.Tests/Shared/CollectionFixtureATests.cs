namespace FakeServerless.Xunit.Tests;

[Collection(SharedServerCollection.Name)]
public sealed class CollectionFixtureATests(InMemoryFixture fixture) : SharedServerTests(fixture, "A");
