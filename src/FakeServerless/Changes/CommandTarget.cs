using FakeServerless.State;

namespace FakeServerless.Changes;

/// <summary>What a <see cref="StateCommand"/> changes: the backend (and through its settings, the fake's clock).</summary>
/// <param name="Backend">The only owner of state.</param>
/// <param name="Replaying">True while durable mode's start-up makes logged changes again.</param>
internal sealed record CommandTarget(ServerlessBackend Backend, bool Replaying);
