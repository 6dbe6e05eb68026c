using System.Diagnostics;

namespace FakeServerless.Benchmarks.Remote;

/// <summary>
/// <c>fake-serverless</c> in a child process on a loopback port (the CLI this checkout built), stopped on dispose: the remote fake
/// the figures are about, as a CI host or a container would run it.
/// </summary>
internal sealed class StandaloneFake : IDisposable
{
    private readonly Process _process;

    private StandaloneFake(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<StandaloneFake> StartAsync()
    {
        var cli = FindCli();
        var process = Process.Start(new ProcessStartInfo("dotnet", [cli, "--port", "0", "--functions", "handlers", "--public-base-url", "https://serverless.twilio.com"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException($"Could not start dotnet {cli}.");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith("Listening on ", StringComparison.Ordinal))
            {
                var url = new Uri(line["Listening on ".Length..].Split(' ')[0]);
                _ = DrainAsync(process.StandardOutput); // the log of every request must not fill the pipe
                return new StandaloneFake(process, url);
            }
        }

        throw new InvalidOperationException($"dotnet {cli} exited before it listened.");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static async Task DrainAsync(StreamReader output)
    {
        while (await output.ReadLineAsync().ConfigureAwait(false) is not null)
        {
        }
    }

    /// <summary>The CLI built next to this benchmark (same configuration), found from the repository root.</summary>
    private static string FindCli()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "FakeServerless.sln")))
        {
            directory = directory.Parent;
        }

        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var cli = directory is null ? null : Path.Combine(directory.FullName, "src", "FakeServerless.Cli", "bin", configuration, "net10.0", "FakeServerless.Cli.dll");
        return cli is not null && File.Exists(cli)
            ? cli
            : throw new InvalidOperationException($"Build the CLI first: dotnet build src/FakeServerless.Cli -c {configuration} (looked for {cli ?? "the repository root"}).");
    }
}
