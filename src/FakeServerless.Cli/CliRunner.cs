using System.CommandLine;
using FakeServerless.Cli.Commands;

namespace FakeServerless.Cli;

/// <summary>
/// The whole command: parse the arguments and the environment, then run what they ask (the fake, <c>health</c>, or help).
/// Writes only to the writers it is given and reads only the environment it is given, so tests run it in-process.
/// </summary>
internal static class CliRunner
{
    /// <summary>Stopped normally (cancelled), printed help, or healthy.</summary>
    public const int Ok = 0;

    /// <summary>The arguments (or an environment variable) were invalid.</summary>
    public const int BadArguments = 1;

    /// <summary>The fake could not listen (port in use, or another bind failure).</summary>
    public const int CannotListen = 2;

    /// <summary>
    /// The data directory (<c>--data-dir</c>) cannot be used — damaged, from a newer version, holding writes another version logged, in
    /// use or read-only (<see cref="DataDirectoryException.Problem"/>): the fake refuses to start empty.
    /// </summary>
    public const int BadDataDirectory = 3;

    /// <summary><c>health</c>: the fake did not answer healthy (1, as Docker's HEALTHCHECK expects).</summary>
    public const int Unhealthy = 1;

    /// <summary>Runs <paramref name="args"/>, reading <c>FAKESERVERLESS_*</c> variables through <paramref name="environment"/>.</summary>
    public static async Task<int> RunAsync(
        string[] args, Func<string, string?> environment, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);

        var app = new CliApp(environment);
        if (!app.TryParse(args, out var result, out var error))
        {
            await stderr.WriteLineAsync($"fake-serverless: {error}").ConfigureAwait(false);
            await stderr.WriteLineAsync("Run 'fake-serverless --help' for usage.").ConfigureAwait(false);
            await stderr.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            return BadArguments;
        }

        // Program handles SIGINT/SIGTERM itself (ProcessTerminationTimeout null) and the runner reports its own errors.
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
        var code = await result.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        return code;
    }
}
