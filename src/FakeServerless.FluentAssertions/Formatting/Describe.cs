using System.Globalization;
using System.Text;

namespace FakeServerless.FluentAssertions.Formatting;

/// <summary>
/// Renders state and journal entries for failure messages. Every text it returns is safe to embed in a FluentAssertions
/// message: braces are doubled, because FluentAssertions runs the message through <see cref="string.Format(string, object[])"/>.
/// </summary>
internal static class Describe
{
    /// <summary>At most this many lines are listed; the rest are counted.</summary>
    public const int MaxLines = 25;

    public static string Date(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>ZD… -> ZB… at 2026-01-01T10:00:00Z</c>, or <c>ZD… -> &lt;cleared&gt; at …</c> for a clearing deployment.</summary>
    public static string Deployment(DeploymentRecord deployment, string? environmentName = null) =>
        $"{deployment.Sid} -> {deployment.BuildSid ?? "<cleared>"}{(environmentName is null ? string.Empty : " in " + environmentName)} at {Date(deployment.DateCreated)}";

    /// <summary>The deployments of one environment as an indented list, newest first.</summary>
    public static string Deployments(IReadOnlyList<DeploymentRecord> deployments) =>
        deployments.Count == 0 ? " It has no deployments." : " Its deployments, newest first:" + Lines(deployments.Select(d => Deployment(d)));

    /// <summary>Every deployment of an account, naming the environment of each.</summary>
    public static string AllDeployments(ServerlessSnapshot snapshot) =>
        snapshot.Deployments.Count == 0
            ? " There are no deployments."
            : " Deployments, newest first:" + Lines(snapshot.Deployments.Select(d => Deployment(d, EnvironmentName(snapshot, d.EnvironmentSid))));

    /// <summary><c>"dev-environment" (ZE…)</c> for each environment, or a sentence saying there are none.</summary>
    public static string Environments(ServerlessSnapshot snapshot) =>
        snapshot.Environments.Count == 0
            ? "it has no environments"
            : "it has " + string.Join(", ", snapshot.Environments.Select(e => $"\"{e.UniqueName}\" ({e.Sid})"));

    /// <summary>A journal entry: <see cref="JournalEntry.ToString"/>, optionally followed by its parameters.</summary>
    public static string Entry(JournalEntry entry, bool withParameters)
    {
        if (!withParameters || entry.Parameters.Count == 0)
        {
            return entry.ToString();
        }

        var parameters = entry.Parameters.Select(p => $"{p.Key}={Values(p.Value)}");
        return $"{entry} with {string.Join(", ", parameters)}";
    }

    /// <summary>The journal entries as an indented list, oldest first.</summary>
    public static string Entries(IReadOnlyList<JournalEntry> entries, bool withParameters = false) =>
        entries.Count == 0 ? " It received no requests." : " Requests received, oldest first:" + Lines(entries.Select(e => Entry(e, withParameters)));

    /// <summary>One value quoted, several as a bracketed list.</summary>
    public static string Values(IReadOnlyList<string> values) =>
        values.Count == 1 ? Quote(values[0]) : "[" + string.Join(", ", values.Select(Quote)) + "]";

    public static string Quote(string value) => "\"" + value + "\"";

    /// <summary><c>1 time</c>, <c>2 times</c>.</summary>
    public static string Times(int count) => count == 1 ? "1 time" : count.ToString(CultureInfo.InvariantCulture) + " times";

    /// <summary>Escapes text for embedding in a FluentAssertions message format string.</summary>
    public static string Escape(string text) => text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);

    private static string EnvironmentName(ServerlessSnapshot snapshot, string environmentSid) =>
        snapshot.Environments.FirstOrDefault(e => e.Sid == environmentSid)?.UniqueName ?? environmentSid;

    /// <summary>Each line on its own indented line (after a newline), capped at <see cref="MaxLines"/>.</summary>
    public static string Lines(IEnumerable<string> lines)
    {
        var builder = new StringBuilder();
        var count = 0;
        foreach (var line in lines)
        {
            count++;
            if (count <= MaxLines)
            {
                builder.Append(Environment.NewLine).Append("  ").Append(line);
            }
        }

        if (count > MaxLines)
        {
            builder.Append(Environment.NewLine).Append(CultureInfo.InvariantCulture, $"  … and {count - MaxLines} more");
        }

        return builder.ToString();
    }
}
