using FakeServerless;
using FakeServerless.Benchmarks;
using FakeServerless.Benchmarks.Export;
using FakeServerless.Benchmarks.Pieces;
using FakeServerless.Benchmarks.Requests;

// Modes with their own arguments: the intercepting proxy next to the plain port, and durable writes and restarts.
if (args is ["proxy", ..])
{
    return await ProxyBench.RunAsync(args, Console.Out);
}

if (args is ["remote", ..])
{
    return await FakeServerless.Benchmarks.Remote.RemoteBench.RunAsync(args[1..], Console.Out);
}

if (args is ["functions", ..])
{
    return await FunctionsBench.RunAsync(args, Console.Out);
}

if (args is ["durable", ..])
{
    return await DurableBench.RunAsync(args[1..]);
}

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
