namespace FakeServerless.Faults;

/// <summary>What the injected faults decided for one request.</summary>
internal sealed record FaultDecision(TimeSpan Latency, FaultRule? Answer, string Description);
