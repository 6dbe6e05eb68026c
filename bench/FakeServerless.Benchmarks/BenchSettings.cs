namespace FakeServerless.Benchmarks;

/// <summary>What to measure and for how long: <c>--quick</c> for a smoke run, the default for numbers worth quoting.</summary>
internal sealed record BenchSettings(bool Quick, int WarmupIterations, int Iterations, int Starts)
{
    public const string Usage = "Usage: FakeServerless.Benchmarks [sdk|requests|pieces|scaling|export] [--quick] [--runs N]";

    public static BenchSettings Full { get; } = new(false, 100, 400, 20);

    public static BenchSettings QuickRun { get; } = new(true, 10, 60, 7);

    public BenchMode Mode { get; init; } = BenchMode.Sdk;

    /// <summary>Runs per request-rate figure, the best kept (2 by default; more on a loaded machine).</summary>
    public int Runs { get; init; } = 2;

    /// <summary>One warm-up round before a request-rate figure; rounds repeat until the JIT is quiet (<see cref="JitQuiet"/>).</summary>
    public TimeSpan RequestWarmup => Quick ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromMilliseconds(250);

    /// <summary>How long each request-rate figure is measured (fixed duration: the same on every target).</summary>
    public TimeSpan RequestDuration => Quick ? TimeSpan.FromMilliseconds(300) : TimeSpan.FromMilliseconds(1500);

    /// <summary>Parses the command line; null (with <paramref name="error"/>) when it is not understood.</summary>
    public static BenchSettings? FromArgs(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        var quick = false;
        BenchMode? mode = null;
        var runs = 2;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--quick")
            {
                quick = true;
            }
            else if (arg == "--runs" && i + 1 < args.Count && int.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out runs) && runs >= 1)
            {
                i++;
            }
            else if (mode is null && !arg.StartsWith('-') && Enum.TryParse<BenchMode>(arg, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                mode = parsed;
            }
            else
            {
                error = $"Unknown argument '{arg}'. {Usage}";
                return null;
            }
        }

        return (quick ? QuickRun : Full) with { Mode = mode ?? BenchMode.Sdk, Runs = runs };
    }
}
