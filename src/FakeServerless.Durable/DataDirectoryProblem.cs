namespace FakeServerless;

/// <summary>Why a data directory cannot be used (<see cref="DataDirectoryException.Problem"/>).</summary>
public enum DataDirectoryProblem
{
    /// <summary>Its database is damaged past what SQLite rolls back (a garbage file, a gap in the write log, a snapshot that does not import).</summary>
    Damaged,

    /// <summary>It holds an SQLite database that is not a FakeServerless data file.</summary>
    NotFakeServerlessData,

    /// <summary>Its data format or snapshot was written by a newer FakeServerless than this one reads.</summary>
    NewerFormat,

    /// <summary>
    /// Its write log holds writes (after an unclean stop) logged by another FakeServerless version, whose rules this one cannot
    /// prove it replays alike. Start that version on it once and stop it cleanly (its snapshot then holds every write).
    /// </summary>
    OtherVersion,

    /// <summary>Another fake-serverless holds its lock.</summary>
    InUse,

    /// <summary>It cannot be written by this process (read-only file system, or no write permission).</summary>
    NotWritable,
}
