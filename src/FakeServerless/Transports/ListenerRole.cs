namespace FakeServerless;

/// <summary>The listeners a fake opens, as <see cref="ListenException.Role"/> names them.</summary>
public enum ListenerRole
{
    /// <summary>The API port (<see cref="FakeServerlessOptions.Port"/>), served by WireMock.Net.</summary>
    Api,

    /// <summary>The intercepting HTTPS proxy (the <c>FakeServerless.Proxy</c> package).</summary>
    Proxy,
}
