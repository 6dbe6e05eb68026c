namespace FakeServerless.State;

/// <summary>
/// The build runtimes Twilio accepts today: the spec's enum (<c>node8</c> … <c>node22</c>) minus what Twilio has retired, plus
/// what it added since. Retired: <c>node8</c>–<c>node14</c> long ago (error 82007's own example is <c>node10</c>), <c>node16</c> on
/// 1 February 2024 ("Functions and Assets Node.js v18 Upgrade"), <c>node18</c> on 10 November 2025 ("Node.js v18 Support Ending
/// for Twilio Functions and Assets", whose upgrade guide still allows <c>node20</c>). Added: <c>node24</c> (changelog of
/// 8 July 2026, "Node.js v24 is now available for Twilio Functions"; the serverless toolkit sends it by default).
/// </summary>
internal static class BuildRuntimes
{
    /// <summary>Twilio's error for a runtime it does not run ("Unsupported Runtime").</summary>
    public const int UnsupportedCode = 82007;

    /// <summary>Oldest first, exact and lower case as Twilio's enum spells them.</summary>
    public static readonly IReadOnlyList<string> Supported = ["node20", "node22", "node24"];

    public static bool IsSupported(string? runtime) => runtime is not null && Supported.Contains(runtime, StringComparer.Ordinal);

    /// <summary>What a request naming <paramref name="runtime"/> is told, listing what it may use instead.</summary>
    public static string Unsupported(string runtime) =>
        $"Unsupported Runtime: '{runtime}' is not a runtime Twilio Functions supports; use one of {string.Join(", ", Supported)}.";

    /// <summary>Refuses an option naming a runtime no build could be created with.</summary>
    /// <exception cref="ArgumentException"><paramref name="runtime"/> is not supported.</exception>
    public static void ThrowIfUnsupported(string runtime, string optionName)
    {
        if (!IsSupported(runtime))
        {
            throw new ArgumentException($"{optionName}: {Unsupported(runtime)}", optionName);
        }
    }
}
