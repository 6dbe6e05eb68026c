namespace FakeServerless;

/// <summary>Settings of durable mode (<see cref="DurableStateExtensions.UseDurableState"/>).</summary>
public sealed class DurableStateOptions
{
    /// <summary>
    /// A snapshot of the whole state is written after this many logged writes (and on clean shutdown, and right after a reset or an
    /// import), and the log rows it covers are dropped. A restart replays at most this many writes. Default 5000.
    /// </summary>
    public int SnapshotInterval { get; set; } = 5000;

    /// <summary>
    /// <see langword="false"/> (default) commits with SQLite's <c>synchronous=NORMAL</c> (safe against the process dying; an OS crash
    /// or power loss may lose the last writes), <see langword="true"/> with <c>FULL</c> (fsync per write).
    /// </summary>
    internal bool FullSync { get; set; }

    /// <summary>Called before each append (<c>"append"</c>) and snapshot (<c>"snapshot"</c>): tests throw from it to play a full disk.</summary>
    internal Action<string>? BeforeWrite { get; set; }

    internal DurableStateOptions Clone() => (DurableStateOptions)MemberwiseClone();
}
