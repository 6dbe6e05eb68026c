using System.Diagnostics;
using System.Text.RegularExpressions;

namespace FakeServerless.Reliability.Support;

/// <summary>
/// The standalone fake as a script runs it: <c>dotnet FakeServerless.Cli.dll --port 0 --functions handlers</c>, a child process, its address read from
/// its "Listening on" line (as tests/FakeServerless.Cli.Tests does). Killed on dispose.
/// </summary>
internal sealed partial class CliProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private CliProcess(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public Process Process => _process;

    /// <summary>Every line the process printed so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public bool HasExited => _process.HasExited;

    public static Task<CliProcess> StartAsync() => StartAsync([]);

    /// <summary>Starts the CLI with <c>--port 0</c> and <paramref name="args"/>, and <paramref name="environment"/> added to its variables.</summary>
    public static async Task<CliProcess> StartAsync(string[] args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "FakeServerless.Cli.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add("0");
        if (!args.Contains("--functions"))
        {
            // The suite tries the fake, not Node: a function answers from canned answers or its JSON placeholder, never runs the
            // (fuzzed, never-calling-back) code of a build.
            start.ArgumentList.Add("--functions");
            start.ArgumentList.Add("handlers");
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var process = new Process { StartInfo = start };
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lines = new List<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (lines)
            {
                lines.Add(e.Data);
            }

            if (ListeningLine().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups["url"].Value));
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (lines) { lines.Add("stderr: " + e.Data); } } };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var url = await listening.Task.WaitAsync(StartTimeout);
            var cli = new CliProcess(process, url);
            lock (lines)
            {
                cli._lines.AddRange(lines);
            }

            process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (cli._lines) { cli._lines.Add(e.Data); } } };
            return cli;
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"^Listening on (?<url>http://127\.0\.0\.1:\d+)$")]
    private static partial Regex ListeningLine();
}
