namespace FakeServerless;

/// <summary>Where a fake keeps its state: in memory only, or durably in a data directory.</summary>
public sealed class PersistenceInfo
{
    private readonly Func<string?> _problem;

    internal PersistenceInfo(string? dataDirectory, IReadOnlyList<string> recoveryNotes, Func<string?> problem)
    {
        DataDirectory = dataDirectory;
        RecoveryNotes = recoveryNotes;
        _problem = problem;
    }

    /// <summary>
    /// <c>memory</c> (the default) or <c>durable</c> (started with <c>options.UseDurableState(directory)</c> from the
    /// <c>FakeServerless.Durable</c> package, or the standalone fake's <c>--data-dir</c>).
    /// </summary>
    public string Mode => DataDirectory is null ? "memory" : "durable";

    /// <summary>The data directory's full path, or <see langword="null"/> in memory.</summary>
    public string? DataDirectory { get; }

    /// <summary>
    /// What the start found and did with the data directory, one sentence each: writes recovered after an unclean stop, a torn
    /// last write ignored. Empty after a clean stop or in memory. The CLI prints them on stderr.
    /// </summary>
    public IReadOnlyList<string> RecoveryNotes { get; }

    /// <summary>
    /// Why the fake cannot write its data directory right now (a full disk, an I/O error: writes answer 503 and change nothing;
    /// or a failed snapshot: writes are still logged), or <see langword="null"/> when it can. <c>GET /_fake/health</c> answers
    /// 503 with <c>"status":"degraded"</c> and this reason while it is set. Always null in memory.
    /// </summary>
    public string? Problem => _problem();
}
