using FakeServerless.Messages;

namespace FakeServerless.Engine;

/// <summary>
/// The control API as the engine sees it (<c>Control/ControlApi</c>, a layer above, implements it): requests it
/// <see cref="Handles"/> go to it before auth, faults, routing and the journal. The engine is built with it (see
/// <see cref="ServerlessEngine(FakeServerlessOptions, Func{ServerlessEngine, IControlHandler})"/>), never handed one later.
/// </summary>
internal interface IControlHandler
{
    /// <summary>True for a request that is the control API's (<c>/_fake/…</c> on a host that is not an environment domain).</summary>
    bool Handles(EngineRequest request);

    /// <summary>
    /// The most body bytes a request it handles may send (its own limits, whatever the API's); null for a request it does not
    /// handle. Asked by the front door before the body is read.
    /// </summary>
    long? MaxBodyBytes(string method, string path, ReadOnlySpan<char> hostName, string? authorization);

    /// <summary>Answers a request it <see cref="Handles"/>.</summary>
    Task<EngineResponse> HandleAsync(EngineRequest request, CancellationToken ct);
}
