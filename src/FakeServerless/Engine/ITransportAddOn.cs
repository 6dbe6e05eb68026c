namespace FakeServerless.Engine;

/// <summary>
/// A transport that lives in its own package and plugs into the options (the intercepting proxy of <c>FakeServerless.Proxy</c>):
/// started with the fake, after its own transport, on the same <see cref="FrontDoor"/>, and disposed with it.
/// </summary>
internal interface ITransportAddOn
{
    /// <summary>Starts serving; a failure to listen is a <see cref="ListenException"/>.</summary>
    IDisposable Start(FrontDoor frontDoor, FakeServerlessOptions options);
}
