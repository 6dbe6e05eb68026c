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

    /// <summary>Answers a request it <see cref="Handles"/>.</summary>
    Task<EngineResponse> HandleAsync(EngineRequest request, CancellationToken ct);
}
