namespace FakeServerless;

/// <summary>How a <see cref="FakeServerlessServer"/> is reached.</summary>
public enum FakeServerlessTransport
{
    /// <summary>A real HTTP port on 127.0.0.1, served by WireMock.Net (the default).</summary>
    Http,

    /// <summary>No socket: clients from <see cref="FakeServerlessServer.CreateHttpClient"/> call the engine in memory.</summary>
    InMemory,
}
