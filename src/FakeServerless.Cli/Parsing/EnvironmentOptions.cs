using System.CommandLine;

namespace FakeServerless.Cli.Parsing;

/// <summary>
/// Every option of every command also reads an environment variable, <c>FAKESERVERLESS_&lt;NAME&gt;</c> (<c>--build-completion</c>
/// reads <c>FAKESERVERLESS_BUILD_COMPLETION</c>), as container users expect; a flag on the command line wins over its variable.
/// Generic over the options a command declares, so a new option gets its variable (and its line in <c>--help</c>) for free.
/// </summary>
internal static class EnvironmentOptions
{
    /// <summary>The prefix of every variable.</summary>
    public const string Prefix = "FAKESERVERLESS_";

    /// <summary>Options whose variable is not named after them: a repeatable option's variable takes a list, so it is plural.</summary>
    private static readonly Dictionary<string, string> Plural = new(StringComparer.Ordinal) { ["--allowed-host"] = Prefix + "ALLOWED_HOSTS" };

    /// <summary>The variable <paramref name="option"/> reads: <c>--port</c> reads <c>FAKESERVERLESS_PORT</c> (<c>--allowed-host</c>, <c>FAKESERVERLESS_ALLOWED_HOSTS</c>).</summary>
    public static string VariableOf(Option option) =>
        Plural.TryGetValue(option.Name, out var variable) ? variable : Prefix + option.Name.TrimStart('-').Replace('-', '_').ToUpperInvariant();

    /// <summary>Appends <c>[env: FAKESERVERLESS_…]</c> to the help text of each option of <paramref name="command"/> (help and version aside).</summary>
    public static void Describe(Command command)
    {
        foreach (var option in ReadsEnvironment(command))
        {
            option.Description = $"{option.Description} [env: {VariableOf(option)}]";
        }
    }

    /// <summary>
    /// The command line <paramref name="args"/> completed with the variables of the options of <paramref name="command"/> it does not
    /// give, as <c>--name=value</c> tokens. A variable whose value the option rejects is an error naming the variable.
    /// </summary>
    public static bool TryComplete(
        Command command, IReadOnlyList<string> args, Func<string, string?> environment, out List<string> completed, out string? error)
    {
        completed = [.. args];
        error = null;
        foreach (var option in ReadsEnvironment(command))
        {
            var variable = VariableOf(option);
            if (environment(variable) is not { } value || IsGiven(option, args))
            {
                continue;
            }

            var token = $"{option.Name}={value}";
            var alone = command.Parse([token]);
            if (alone.Errors.Count > 0)
            {
                error = $"{variable}: {alone.Errors[0].Message}";
                return false;
            }

            completed.Add(token);
        }

        return true;
    }

    private static IEnumerable<Option> ReadsEnvironment(Command command) =>
        command.Options.Where(o => o is not System.CommandLine.Help.HelpOption and not VersionOption);

    private static bool IsGiven(Option option, IReadOnlyList<string> args) =>
        args.Any(arg => option.Aliases.Append(option.Name).Any(name =>
            arg == name || arg.StartsWith(name + "=", StringComparison.Ordinal) || arg.StartsWith(name + ":", StringComparison.Ordinal)));
}
