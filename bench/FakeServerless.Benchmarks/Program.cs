using FakeServerless;
using FakeServerless.Benchmarks;

var settings = BenchSettings.FromArgs(args, out var error);
if (settings is null)
{
    Console.Error.WriteLine(error);
    return 1;
}

Console.Error.WriteLine("Measuring in memory...");
var inMemory = await TransportBench.MeasureAsync(FakeServerlessTransport.InMemory, settings);
Console.Error.WriteLine("Measuring over HTTP (WireMock)...");
var http = await TransportBench.MeasureAsync(FakeServerlessTransport.Http, settings);
Report.Print(Console.Out, settings, inMemory, http);
return 0;
