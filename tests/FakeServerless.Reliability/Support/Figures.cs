using System.Collections.Concurrent;
using System.Diagnostics;

namespace FakeServerless.Reliability.Support;

/// <summary>The suite's running totals, printed as one summary line at the end of a run.</summary>
internal static class Figures
{
    private static long _requests;
    private static long _serverErrors;
    private static long _nonTwilio;
    private static long _leaks;
    private static long _violations;
    private static long _peakRss;
    private static long _kestrelRefusals;

    /// <summary>The first few problems of each kind, for the summary.</summary>
    public static ConcurrentQueue<string> Problems { get; } = new();

    public static long Requests => Interlocked.Read(ref _requests);

    public static void Request() => Interlocked.Increment(ref _requests);

    /// <summary>An answer Kestrel sent before the fake ran (empty body; see <see cref="TwilioShape.IsKestrelRefusal(int, string, string?, string?, bool)"/>).</summary>
    public static void KestrelRefusal() => Interlocked.Increment(ref _kestrelRefusals);

    public static void ServerError(string what) => Note(ref _serverErrors, "5xx", what);

    public static void NonTwilio(string what) => Note(ref _nonTwilio, "non-Twilio body", what);

    public static void Leak(string what) => Note(ref _leaks, "leak", what);

    public static void Violation(string what) => Note(ref _violations, "violation", what);

    /// <summary>Samples this process's RSS (the in-process fakes live here) and <paramref name="other"/>'s, keeping the peak.</summary>
    public static long SampleRss(Process? other = null)
    {
        using var self = Process.GetCurrentProcess();
        var rss = self.WorkingSet64;
        if (other is { HasExited: false })
        {
            other.Refresh();
            rss = Math.Max(rss, other.WorkingSet64);
        }

        long peak;
        while ((peak = Interlocked.Read(ref _peakRss)) < rss && Interlocked.CompareExchange(ref _peakRss, rss, peak) != peak)
        {
        }

        return rss;
    }

    public static string Summary(TimeSpan elapsed) =>
        FormattableString.Invariant(
            $"Reliability summary ({(Scale.Stress ? "stress" : "ci")}): requests tried {Requests} (Kestrel's own refusals {Interlocked.Read(ref _kestrelRefusals)}), 5xx {Interlocked.Read(ref _serverErrors)}, ") +
        FormattableString.Invariant(
            $"non-Twilio bodies {Interlocked.Read(ref _nonTwilio)}, leaks {Interlocked.Read(ref _leaks)}, violations {Interlocked.Read(ref _violations)}, ") +
        FormattableString.Invariant($"peak RSS {Interlocked.Read(ref _peakRss) / (1024 * 1024)} MB, {elapsed.TotalSeconds:0}s");

    private static void Note(ref long counter, string kind, string what)
    {
        if (Interlocked.Increment(ref counter) <= 5)
        {
            Problems.Enqueue($"{kind}: {what}");
        }
    }
}
