namespace FakeServerless.Xunit.Tests;

[Collection(SharedServerCollection.Name)]
public sealed class CollectionFixtureBTests(InMemoryFixture fixture) : SharedServerTests(fixture, "B");
