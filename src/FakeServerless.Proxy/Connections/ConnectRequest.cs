namespace FakeServerless.Proxy.Connections;

/// <summary>A <c>CONNECT</c> request: its authority-form target (<c>host:port</c>) as sent.</summary>
internal sealed record ConnectRequest(string Target);
