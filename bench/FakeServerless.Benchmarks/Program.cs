using FakeServerless;
using FakeServerless.Benchmarks;
using FakeServerless.Benchmarks.Export;
using FakeServerless.Benchmarks.Pieces;
using FakeServerless.Benchmarks.Requests;

var settings = BenchSettings.FromArgs(args, out var error);
if (settings is null)
{
    Console.Error.WriteLine(error);
    return 1;
}

switch (settings.Mode)
{
    case BenchMode.Requests:
        var figures = await RequestsBench.MeasureAsync(settings);
        Console.Error.WriteLine("Timing Reset and fresh fakes...");
        var lifecycle = await LifecycleBench.MeasureAsync(settings);
        RequestsReport.Print(Console.Out, settings, figures, lifecycle);
        break;
    case BenchMode.Pieces:
        PiecesRunner.Run(settings);
        break;
    case BenchMode.Scaling:
        ScalingBench.Run(Console.Out, settings);
        break;
    case BenchMode.Export:
        ExportBench.Run(Console.Out, settings);
        break;
    default:
        Console.Error.WriteLine("Measuring in memory...");
        var inMemory = await TransportBench.MeasureAsync(FakeServerlessTransport.InMemory, settings);
        Console.Error.WriteLine("Measuring over HTTP (WireMock)...");
        var http = await TransportBench.MeasureAsync(FakeServerlessTransport.Http, settings);
        Report.Print(Console.Out, settings, inMemory, http);
        break;
}

return 0;
