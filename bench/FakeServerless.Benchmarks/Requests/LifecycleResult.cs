namespace FakeServerless.Benchmarks.Requests;

/// <summary>Per-call times of the fake's lifecycle, in microseconds (better of two runs).</summary>
internal sealed record LifecycleResult(double ResetMicroseconds, double FreshMicroseconds, double FreshFirstAnswerMicroseconds, int ResetCalls, int FreshCalls);
