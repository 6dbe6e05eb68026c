using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace FakeServerless.Benchmarks.Pieces;

/// <summary>Runs <see cref="RequestPieces"/> under BenchmarkDotNet (in process: no second build), then <see cref="ScalingBench"/>.</summary>
internal static class PiecesRunner
{
    public static void Run(BenchSettings settings)
    {
        var job = (settings.Quick ? Job.ShortRun.WithWarmupCount(1).WithIterationCount(3) : Job.ShortRun.WithIterationCount(5))
            .WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.CreateMinimumViable()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "fakeserverless-bench"))
            .WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
        BenchmarkRunner.Run<RequestPieces>(config);
        Console.Out.WriteLine();
        ScalingBench.Run(Console.Out, settings);
    }
}
