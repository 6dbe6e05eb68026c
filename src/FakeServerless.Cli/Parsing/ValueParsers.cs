using System.CommandLine.Parsing;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace FakeServerless.Cli.Parsing;

/// <summary>The parsers of option values, each with the message a wrong value gets.</summary>
internal static partial class ValueParsers
{
    private const double MaxDelaySeconds = 365 * 24 * 3600;

    public static int Port(ArgumentResult result) => Parse(result, $"{NameOf(result, "--port")} must be a number from 0 to 65535", value =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535 ? port : (int?)null) ?? 0;

    public static int? OptionalPort(ArgumentResult result) => Port(result);

    public static ClockKind Clock(ArgumentResult result) => Parse(result, "--clock must be system or virtual", value =>
        value.Trim().ToLowerInvariant() switch
        {
            "system" => ClockKind.System,
            "virtual" => ClockKind.Virtual,
            _ => (ClockKind?)null,
        }) ?? ClockKind.System;

    public static FunctionRuntime? Functions(ArgumentResult result) => Parse(result, "--functions must be node or handlers", value =>
        value.Trim().ToLowerInvariant() switch
        {
            "node" => FunctionRuntime.Node,
            "handlers" => FunctionRuntime.Handlers,
            _ => (FunctionRuntime?)null,
        });

    public static string? NonEmpty(ArgumentResult result)
    {
        var value = Single(result);
        if (string.IsNullOrWhiteSpace(value))
        {
            result.AddError($"{NameOf(result, "the value")} must not be empty.");
            return null;
        }

        return value;
    }

    public static int? Seed(ArgumentResult result) => Parse(result, "--seed must be a whole number", value =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seed) ? seed : (int?)null);

    public static int? SnapshotEvery(ArgumentResult result) => Parse(result, "--snapshot-every must be a whole number of at least 1", value =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 1 ? count : (int?)null);

    public static IPAddress Host(ArgumentResult result) => Parse(result, "--host must be an IP address such as 127.0.0.1, 0.0.0.0 or ::", value =>
        IPAddress.TryParse(value, out var address) ? address : null) ?? IPAddress.Loopback;

    public static string? AccountSid(ArgumentResult result) => Parse(result, "--account-sid must be AC followed by 32 hex digits", value =>
        AccountSidPattern().IsMatch(value) ? value : null);

    public static string? AuthToken(ArgumentResult result) => NonEmpty(result);

    /// <summary>Every token of a repeatable host-name option, each split on commas: names (letters, digits, '-', '_', dots) or IP addresses.</summary>
    public static string[] HostNames(ArgumentResult result)
    {
        var names = new List<string>();
        foreach (var token in result.Tokens)
        {
            foreach (var part in token.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var name = part.TrimEnd('.');
                var labels = name.Split('.');
                if (!IPAddress.TryParse(name.Trim('[', ']'), out _) &&
                    (name.Length is 0 or > 253 || !labels.All(l => l.Length is > 0 and <= 63 && l.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))))
                {
                    result.AddError($"{NameOf(result, "the value")} must be a host name such as twilio-serverless (no scheme or port), not '{part}'.");
                    return [];
                }

                names.Add(name);
            }
        }

        return [.. names];
    }

    public static BuildCompletion Completion(ArgumentResult result) => Parse(
        result, "--build-completion must be immediate, manual, polls:<n> (n >= 1) or delay:<seconds>", value =>
            TryParseBuildCompletion(value, out var completion) ? completion : null) ?? BuildCompletion.Immediate;

    public static Uri? HttpUrl(ArgumentResult result)
    {
        return Parse(result, $"{NameOf(result, "the URL")} must be an absolute http or https URL", value =>
            Uri.TryCreate(value, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) ? url : null);
    }

    /// <summary>The URL of <paramref name="address"/> and <paramref name="port"/>, IPv6 in brackets: <c>http://[::1]:4010</c>.</summary>
    public static string UrlOf(IPAddress address, int port) => new UriBuilder(Uri.UriSchemeHttp, address.ToString(), port).Uri.GetLeftPart(UriPartial.Authority);

    /// <summary>The value <paramref name="parse"/> makes of the option's token, or null after adding the error "rule, not 'value'.".</summary>
    private static T? Parse<T>(ArgumentResult result, string rule, Func<string, T?> parse)
    {
        var value = Single(result);
        var parsed = parse(value);
        if (parsed is null)
        {
            result.AddError($"{rule}, not '{value}'.");
        }

        return parsed;
    }

    /// <summary>The name of the option being parsed (<c>--proxy-port</c>), or <paramref name="fallback"/>.</summary>
    private static string NameOf(ArgumentResult result, string fallback) => result.Parent is OptionResult option ? option.Option.Name : fallback;

    private static string Single(ArgumentResult result) => result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;

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
