namespace FakeServerless.Benchmarks;

/// <summary>What one run measures (the first argument; <see cref="Sdk"/> when none is given).</summary>
internal enum BenchMode
{
    /// <summary>The scripted Twilio SDK mix per transport and each transport's start-to-first-answer time.</summary>
    Sdk,

    /// <summary>One fetch-deployment request: bare WireMock stub, fake over WireMock, fake in memory; the ratios.</summary>
    Requests,

    /// <summary>BenchmarkDotNet micro-benchmarks of the pieces one in-memory request goes through, then <see cref="Scaling"/>.</summary>
    Pieces,

    /// <summary>Each piece's CPU per call on 1 thread and its throughput on 1 vs 4 threads (Stopwatch; no BenchmarkDotNet).</summary>
    Scaling,

    /// <summary>Seeding 100,000 deployments, and Export()+Import() of them once the engine has that API.</summary>
    Export,
}
