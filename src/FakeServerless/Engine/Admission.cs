using FakeServerless.Messages;

namespace FakeServerless.Engine;

/// <summary>What the <see cref="FrontDoor"/> decided: the engine's request with its body, or the refusal to send instead.</summary>
internal readonly record struct Admission(EngineRequest? Request, EngineResponse? Refusal);
