namespace FakeServerless.Benchmarks;

/// <summary>How long a run is: <c>--quick</c> for a smoke run, the default for numbers worth quoting.</summary>
internal sealed record BenchSettings(bool Quick, int WarmupIterations, int Iterations, int Starts)
{
    public static BenchSettings Full { get; } = new(false, 100, 400, 20);

    public static BenchSettings QuickRun { get; } = new(true, 10, 60, 7);

    /// <summary>Parses the command line; null (with <paramref name="error"/>) when it is not understood.</summary>
    public static BenchSettings? FromArgs(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        var settings = Full;
        foreach (var arg in args)
        {
            switch (arg)
            {
                case "--quick":
                    settings = QuickRun;
                    break;
                default:
                    error = $"Unknown argument '{arg}'. Usage: FakeServerless.Benchmarks [--quick]";
                    return null;
            }
        }

        return settings;
    }
}
