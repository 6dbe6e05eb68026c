using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace FakeServerless.Cli;

/// <summary>The command line of <c>fake-serverless</c>, parsed and validated.</summary>
internal sealed partial record CliOptions
{
    /// <summary>What <c>--help</c> prints.</summary>
    public const string Usage = """
        fake-serverless: a fake of the Twilio Serverless API (v1) on 127.0.0.1.

        Usage: fake-serverless [options]

        Options:
          --port <n>                   Port to listen on; 0 picks a free port (default: 0).
          --seed <n>                   Seed of the SID generator: same seed, same calls, same SIDs (default: 0).
          --account-sid <AC...>        The account's SID (default: AC00000000000000000000000000000001).
          --auth-token <token>         The account's auth token (default: fake-auth-token).
          --strict-credentials         Accept only --account-sid with --auth-token (default: any AC SID with
                                       any non-empty password, each account with its own state).
          --build-completion <when>    When builds finish: immediate | manual | polls:<n> | delay:<seconds>
                                       (default: immediate, i.e. on the first read after create).
          --public-base-url <url>      Scheme and host used in every url/links field (default: the request's).
          -h, --help                   Show this help and exit.

        Prints "Listening on http://127.0.0.1:<port>" once it answers, then one line per request.
        Stops on Ctrl+C or SIGTERM. Exit codes: 0 stopped, 1 bad arguments, 2 could not listen (e.g. port in use).

        """;

    private const double MaxDelaySeconds = 365 * 24 * 3600;

    /// <summary>Whether <c>--help</c> was given (every other option is then ignored).</summary>
    public bool ShowHelp { get; init; }

    /// <summary><c>--port</c>: 0 for a free port.</summary>
    public int Port { get; init; }

    /// <summary><c>--seed</c>.</summary>
    public int Seed { get; init; }

    /// <summary><c>--account-sid</c>, or null for the fake's default.</summary>
    public string? AccountSid { get; init; }

    /// <summary><c>--auth-token</c>, or null for the fake's default.</summary>
    public string? AuthToken { get; init; }

    /// <summary><c>--strict-credentials</c>.</summary>
    public bool StrictCredentials { get; init; }

    /// <summary><c>--build-completion</c>.</summary>
    public BuildCompletion BuildCompletion { get; init; } = BuildCompletion.Immediate;

    /// <summary><c>--public-base-url</c>, or null.</summary>
    public Uri? PublicBaseUrl { get; init; }

    /// <summary>
    /// Parses <paramref name="args"/>. Options take their value as the next argument or after <c>=</c>
    /// (<c>--port 4010</c> or <c>--port=4010</c>). On failure <paramref name="error"/> says what is wrong.
    /// </summary>
    public static bool TryParse(IReadOnlyList<string> args, [NotNullWhen(true)] out CliOptions? options, [NotNullWhen(false)] out string? error)
    {
        options = null;
        error = null;
        var result = new CliOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            switch (name)
            {
                case "-h" or "--help" or "-?":
                    options = new CliOptions { ShowHelp = true };
                    return true;
                case "--strict-credentials":
                    if (inlineValue is not null)
                    {
                        error = "--strict-credentials takes no value.";
                        return false;
                    }

                    result = result with { StrictCredentials = true };
                    continue;
                case "--port" or "--seed" or "--account-sid" or "--auth-token" or "--build-completion" or "--public-base-url":
                    break;
                default:
                    error = $"Unknown option '{args[i]}'.";
                    return false;
            }

            var value = inlineValue;
            if (value is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    error = $"Option {name} needs a value.";
                    return false;
                }

                value = args[++i];
            }

            if (!TryApply(result, name, value, out var updated, out error))
            {
                return false;
            }

            result = updated;
        }

        options = result;
        return true;
    }

    /// <summary>The options of the fake this command line asks for (HTTP transport).</summary>
    public FakeServerlessOptions ToServerOptions()
    {
        var options = new FakeServerlessOptions
        {
            Transport = FakeServerlessTransport.Http,
            Port = Port,
            Seed = Seed,
            RequireExactCredentials = StrictCredentials,
            BuildCompletion = BuildCompletion,
            PublicBaseUrl = PublicBaseUrl,
        };
        if (AccountSid is not null)
        {
            options.AccountSid = AccountSid;
        }

        if (AuthToken is not null)
        {
            options.AuthToken = AuthToken;
        }

        return options;
    }

    private static (string Name, string? Value) Split(string arg)
    {
        var equals = arg.IndexOf('=', StringComparison.Ordinal);
        return arg.StartsWith("--", StringComparison.Ordinal) && equals > 2 ? (arg[..equals], arg[(equals + 1)..]) : (arg, null);
    }

    private static bool TryApply(CliOptions current, string name, string value, [NotNullWhen(true)] out CliOptions? updated, [NotNullWhen(false)] out string? error)
    {
        updated = null;
        error = null;
        switch (name)
        {
            case "--port":
                if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
                {
                    error = $"--port must be a number from 0 to 65535, not '{value}'.";
                    return false;
                }

                updated = current with { Port = port };
                return true;
            case "--seed":
                if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed))
                {
                    error = $"--seed must be a whole number, not '{value}'.";
                    return false;
                }

                updated = current with { Seed = seed };
                return true;
            case "--account-sid":
                if (!AccountSidPattern().IsMatch(value))
                {
                    error = $"--account-sid must be AC followed by 32 hex digits, not '{value}'.";
                    return false;
                }

                updated = current with { AccountSid = value };
                return true;
            case "--auth-token":
                if (string.IsNullOrWhiteSpace(value))
                {
                    error = "--auth-token must not be empty.";
                    return false;
                }

                updated = current with { AuthToken = value };
                return true;
            case "--build-completion":
                if (!TryParseBuildCompletion(value, out var completion))
                {
                    error = $"--build-completion must be immediate, manual, polls:<n> (n >= 1) or delay:<seconds>, not '{value}'.";
                    return false;
                }

                updated = current with { BuildCompletion = completion };
                return true;
            default:
                if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                {
                    error = $"--public-base-url must be an absolute http or https URL, not '{value}'.";
                    return false;
                }

                updated = current with { PublicBaseUrl = url };
                return true;
        }
    }

    private static bool TryParseBuildCompletion(string value, [NotNullWhen(true)] out BuildCompletion? completion)
    {
        completion = null;
        var lower = value.Trim().ToLowerInvariant();
        if (lower == "immediate")
        {
            completion = BuildCompletion.Immediate;
        }
        else if (lower == "manual")
        {
            completion = BuildCompletion.Manual;
        }
        else if (lower.StartsWith("polls:", StringComparison.Ordinal) &&
                 int.TryParse(lower["polls:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var polls) && polls >= 1)
        {
            completion = BuildCompletion.AfterPolls(polls);
        }
        else if (lower.StartsWith("delay:", StringComparison.Ordinal) &&
                 double.TryParse(lower["delay:".Length..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) &&
                 seconds <= MaxDelaySeconds)
        {
            completion = BuildCompletion.AfterDelay(TimeSpan.FromSeconds(seconds));
        }

        return completion is not null;
    }

    [GeneratedRegex("^AC[0-9a-fA-F]{32}$")]
    private static partial Regex AccountSidPattern();
}
