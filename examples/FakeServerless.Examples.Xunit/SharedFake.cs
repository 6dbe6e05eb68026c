namespace FakeServerless.Examples.Xunit;

/// <summary>One in-memory fake shared by the tests of a class (<see cref="IClassFixture{TFixture}"/>); tests call <see cref="FakeServerlessServer.Reset()"/>.</summary>
public sealed class SharedFake : IDisposable
{
    public FakeServerlessServer Fake { get; } = FakeServerlessServer.StartInMemory();

    public void Dispose() => Fake.Dispose();
}
