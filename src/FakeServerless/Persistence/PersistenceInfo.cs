namespace FakeServerless;

/// <summary>Where a fake keeps its state: in memory only, or durably in a data directory.</summary>
public sealed class PersistenceInfo
{
    internal PersistenceInfo(string? dataDirectory, IReadOnlyList<string> recoveryNotes)
    {
        DataDirectory = dataDirectory;
        RecoveryNotes = recoveryNotes;
    }

    /// <summary><c>memory</c> (the default) or <c>durable</c> (started with <see cref="FakeServerlessOptions.DataDirectory"/>).</summary>
    public string Mode => DataDirectory is null ? "memory" : "durable";

    /// <summary>The data directory's full path, or <see langword="null"/> in memory.</summary>
    public string? DataDirectory { get; }

    /// <summary>
    /// What the start found and did with the data directory, one sentence each: writes recovered after an unclean stop, a torn
    /// last write ignored. Empty after a clean stop or in memory. The CLI prints them on stderr.
    /// </summary>
    public IReadOnlyList<string> RecoveryNotes { get; }
}
