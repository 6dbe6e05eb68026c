using FakeServerless.Messages;
using FakeServerless.State;

namespace FakeServerless.Domains;

/// <summary>
/// Runs deployed functions live (Node mode's runner, in <c>Functions/</c>, which sits above the engine and plugs in here): the
/// domain server hands it a request that no C# handler or canned answer takes.
/// </summary>
internal interface ILiveFunctions
{
    /// <summary>Answers <paramref name="request"/> by running the function <paramref name="target"/> names.</summary>
    Task<EngineResponse> InvokeAsync(EngineRequest request, DomainTarget target, CancellationToken ct);
}
