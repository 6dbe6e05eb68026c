using System.Globalization;

namespace FakeServerless.Contract.Support;

/// <summary>Names no other run (or test of this run) uses: a prefix, this run's id and a counter.</summary>
internal static class UniqueNames
{
    /// <summary>Every resource this suite names starts with this, so leftovers in a real account are easy to find.</summary>
    public const string Prefix = "fsct";

    /// <summary>Eight hex digits, fixed for the process.</summary>
    public static readonly string RunId = Guid.NewGuid().ToString("N")[..8];

    private static int _counter;

    /// <summary>Lower-case letters, digits and hyphens, at most 30 characters: valid wherever Twilio takes a unique name.</summary>
    public static string Next(string stem) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{RunId}-{stem}-{Interlocked.Increment(ref _counter)}");
}
