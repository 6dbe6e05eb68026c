namespace FakeServerless.Persistence;

/// <summary>
/// The seam durable mode plugs into (the <c>FakeServerless.Durable</c> package): where the write path (<see cref="Changes.StateWriter"/>)
/// commits every change before it applies it, and snapshots the state. Called by one writer at a time, under the write path's gate.
/// </summary>
internal interface IStateLog : IDisposable
{
    /// <summary>The seed the logged state was made with: the fake's SIDs continue its sequence.</summary>
    int Seed { get; }

    /// <summary>Where the state lives (the data directory's full path).</summary>
    string Location { get; }

    /// <summary>What the start found and did, one sentence each (a torn last write ignored, writes recovered).</summary>
    IReadOnlyList<string> Notes { get; }

    /// <summary>Why the fake cannot write its state right now (health answers 503 "degraded" with it), or null.</summary>
    string? Problem { get; }

    /// <summary>
    /// Start-up: checks that this fake may replay what is logged, imports the snapshot through <paramref name="codec"/>, then sends
    /// each later change through <paramref name="replay"/>, oldest first. Throws when the state cannot be recovered as it was.
    /// </summary>
    void Recover(StateCodec codec, Action<LoggedChange> replay);

    /// <summary>Commits <paramref name="change"/>; throws <see cref="StateLogException"/> when it could not (then it is not applied).</summary>
    void Append(LoggedChange change);

    /// <summary>
    /// The whole state is about to be replaced by <paramref name="state"/> (an import, as JSON of the export format): writes it as
    /// the snapshot, covering every row so far, instead of logging a row. Throws <see cref="StateLogException"/> when it could
    /// not (then the state is not replaced).
    /// </summary>
    void Replace(byte[] state);

    /// <summary>
    /// A committed change was applied: snapshots when one is due (or <paramref name="snapshotNow"/>, after the whole state was
    /// replaced). Never throws: a failed snapshot leaves the log as it was (the change stays durable) and shows in <see cref="Problem"/>.
    /// </summary>
    void Applied(bool snapshotNow);
}
