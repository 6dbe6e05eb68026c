namespace FakeServerless.Journal;

/// <summary>
/// The journal of a fake in another process, as <see cref="RequestJournal"/> reads and clears it. Implemented in <c>Remote/</c> over
/// <c>GET</c>/<c>DELETE /_fake/journal</c>; the journal's layer knows only this contract, not the control client.
/// </summary>
internal interface IRemoteJournal
{
    /// <summary>Every entry, oldest first: of every account, or of <paramref name="owner"/> (its requests and its domains').</summary>
    IReadOnlyList<JournalEntry> Journal(string? owner);

    /// <inheritdoc cref="Journal"/>
    Task<IReadOnlyList<JournalEntry>> JournalAsync(string? owner, CancellationToken cancellationToken);

    /// <summary>Forgets every entry, or those of <paramref name="accountSid"/>.</summary>
    void ClearJournal(string? accountSid);
}
