using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using FakeServerless.Cli.Parsing;

namespace FakeServerless.Cli.Commands;

/// <summary>
/// The command line of <c>fake-serverless</c> (System.CommandLine): the root command runs the fake (<see cref="ServeOptions"/>),
/// <c>health</c> checks a running one (<see cref="HealthCommand"/>). Every option also reads its <c>FAKESERVERLESS_*</c> variable.
/// </summary>
internal sealed class CliApp
{
    /// <summary>What <c>--help</c> prints after the options of the root command.</summary>
    public const string Notes = """
        Every option can also be set by its environment variable (shown above); a flag wins over its variable.
        Prints "Listening on http://<host>:<port>" once it answers, then one line per request.
        Stops on Ctrl+C or SIGTERM. Exit codes: 0 stopped, 1 bad arguments, 2 could not listen (e.g. port in use),
        3 the --data-dir cannot be used: damaged, in use, read-only, or holding writes another version logged
          (the message names the file, and the versions).

        """;

    public CliApp(Func<string, string?> environment)
    {
        Environment = environment;
        // Not RootCommand: that names itself after the executable (FakeServerless.Cli, or testhost under tests).
        Root = new Command("fake-serverless", "fake-serverless: a fake of the Twilio Serverless API (v1), on 127.0.0.1 unless --host says otherwise.");
        var help = new HelpOption { Recursive = true };
        help.Action = new HelpWithNotes((HelpAction)help.Action!, Root);
        foreach (var option in Serve.All)
        {
            Root.Options.Add(option);
        }

        Root.SetAction((result, cancellationToken) => ServeRunner.RunAsync(Serve, result, environment, cancellationToken));
        Health = new HealthCommand(environment);
        Root.Subcommands.Add(Health);
        EnvironmentOptions.Describe(Root);
        EnvironmentOptions.Describe(Health);
        Root.Options.Add(help);
        Root.Options.Add(new VersionOption());
    }

    public Func<string, string?> Environment { get; }

    public Command Root { get; }

    public ServeOptions Serve { get; } = new();

    public HealthCommand Health { get; }

    /// <summary>
    /// Parses <paramref name="args"/> completed with the environment. On failure <paramref name="error"/> is the first error, e.g.
    /// <c>--port must be a number from 0 to 65535, not 'abc'.</c> or <c>FAKESERVERLESS_PORT: …</c> for a variable.
    /// </summary>
    public bool TryParse(IReadOnlyList<string> args, out ParseResult result, out string? error)
    {
        result = Root.Parse(args);
        if (result.Action is HelpWithNotes)
        {
            error = null;
            return true;
        }

        error = null;
        if (result.Errors.Count == 0 && EnvironmentOptions.TryComplete(result.CommandResult.Command, args, Environment, out var completed, out error))
        {
            result = Root.Parse(completed);
        }

        error ??= result.Errors.Count == 0 ? null : result.Errors[0].Message;
        return error is null;
    }

    /// <summary>System.CommandLine's help, then the <see cref="Notes"/> for the root command.</summary>
    private sealed class HelpWithNotes(HelpAction inner, Command root) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var code = inner.Invoke(parseResult);
            if (parseResult.CommandResult.Command == root)
            {
                parseResult.InvocationConfiguration.Output.Write(Notes);
            }

            return code;
        }
    }
}
