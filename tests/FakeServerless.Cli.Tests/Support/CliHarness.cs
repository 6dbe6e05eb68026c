using System.Text.RegularExpressions;

namespace FakeServerless.Cli.Tests.Support;

/// <summary>Runs <see cref="CliRunner.RunAsync"/> in-process with captured output, and stops it on dispose.</summary>
public sealed partial class CliHarness : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stop = new();

    private CliHarness(string[] args, Func<string, string?> environment)
    {
        Run = CliRunner.RunAsync(args, environment, Out, Error, _stop.Token);
    }

    public LineWriter Out { get; } = new();

    public LineWriter Error { get; } = new();

    public Task<int> Run { get; }

    /// <summary>Where it listens, from its "Listening on" line.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Starts the CLI (on port 0 unless <paramref name="args"/> say otherwise) and waits for its "Listening on" line.</summary>
    public static Task<CliHarness> StartAsync(params string[] args) => StartAsync(_ => null, args);

    /// <summary>As <see cref="StartAsync(string[])"/>, reading FAKESERVERLESS_* variables from <paramref name="environment"/>.</summary>
    public static async Task<CliHarness> StartAsync(Func<string, string?> environment, params string[] args)
    {
        var portGiven = args.Any(a => a.StartsWith("--port", StringComparison.Ordinal)) || environment("FAKESERVERLESS_PORT") is not null;
        var harness = new CliHarness(portGiven ? args : ["--port", "0", .. args], environment);
        var listening = await Task.WhenAny(harness.Out.WaitForLineAsync(l => l.StartsWith("Listening on ", StringComparison.Ordinal), Timeout), harness.Run);
        if (listening == harness.Run)
        {
            throw new InvalidOperationException($"The CLI exited with {await harness.Run}: {harness.Error}");
        }

        var line = await harness.Out.WaitForLineAsync(l => l.StartsWith("Listening on ", StringComparison.Ordinal), Timeout);
        var match = ListeningLine().Match(line);
        Assert.That(match.Success, Is.True, $"Unexpected first line: {line}");
        harness.Url = new Uri(match.Groups["url"].Value);
        // The last line of the banner: the seed, or the data directory in durable mode.
        await harness.Out.WaitForLineAsync(l => l.StartsWith("Seed ", StringComparison.Ordinal) || l.StartsWith("Data in ", StringComparison.Ordinal), Timeout);
        return harness;
    }

    /// <summary>Cancels the run (as Ctrl+C does) and returns its exit code.</summary>
    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await Run.WaitAsync(Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        if (!Run.IsCompleted)
        {
            await _stop.CancelAsync();
            await Run.WaitAsync(Timeout);
        }

        _stop.Dispose();
    }

    [GeneratedRegex(@"^Listening on (?<url>http://(127\.0\.0\.1|0\.0\.0\.0|\[::1?\]):\d+)$")]
    public static partial Regex ListeningLine();
}
