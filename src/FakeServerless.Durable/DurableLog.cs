using System.Globalization;
using FakeServerless.Engine;
using FakeServerless.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace FakeServerless.Durable;

/// <summary>
/// Durable mode's <see cref="IStateLog"/>: a write log plus snapshots, as Redis pairs its AOF with RDB files. Every change is
/// appended to the log, in one SQLite transaction, before it is made; every <see cref="DurableStateOptions.SnapshotInterval"/>
/// rows (right away after a reset or an import, and on clean shutdown) the whole state is exported into the snapshot and the rows
/// it covers are dropped. On start the snapshot is imported and the later rows are made again, with the clock pinned to each
/// row's time, by the FakeServerless version that logged them only.
/// </summary>
internal sealed class DurableLog : IStateLog
{
    private readonly DataStore _store;
    private readonly List<string> _notes;
    private readonly ILogger _logger;
    private readonly int _snapshotInterval;
    private StateCodec? _codec;
    private int _rowsSinceSnapshot;
    private int _nextSnapshotAt;
    private volatile string? _appendProblem;
    private volatile string? _snapshotProblem;
    private bool _disposed;

    private DurableLog(DataStore store, List<string> notes, ILogger logger, int snapshotInterval)
    {
        _store = store;
        _notes = notes;
        _logger = logger;
        _snapshotInterval = Math.Max(1, snapshotInterval);
        _nextSnapshotAt = _snapshotInterval;
    }

    /// <summary>This FakeServerless (its informational version: the release and the commit it was built from).</summary>
    public static string CurrentVersion => FakeServerlessVersion.Current;

    public int Seed => _store.Seed;

    public string Location => _store.Directory;

    public IReadOnlyList<string> Notes => _notes;

    public string? Problem => _appendProblem ?? _snapshotProblem;

    public static DurableLog Open(string directory, DurableStateOptions settings, int seed, ILogger logger)
    {
        var notes = new List<string>();
        var store = DataStore.Open(directory, settings.FullSync, seed, CurrentVersion, notes, settings.BeforeWrite);
        return new DurableLog(store, notes, logger, settings.SnapshotInterval);
    }

    /// <summary>
    /// Checks the versions, imports the snapshot and replays the log after it. What this fake cannot recover as it was (a gap in
    /// the log, a row it cannot read, a snapshot in another export format, writes logged by another version) throws
    /// <see cref="DataDirectoryException"/> naming the file and, for versions, both of them.
    /// </summary>
    public void Recover(StateCodec codec, Action<LoggedChange> replay)
    {
        _codec = codec;
        var path = _store.DatabasePath;
        var pending = _store.PendingRows;
        if (pending > 0 && !string.Equals(_store.WriterVersion, CurrentVersion, StringComparison.Ordinal))
        {
            // A newer (or older) fake could answer a logged request differently: replaying it would make a state that never was.
            throw new DataDirectoryException(
                DataDirectoryProblem.OtherVersion,
                path,
                $"{path} holds {pending.ToString(CultureInfo.InvariantCulture)} write(s) logged after an unclean stop by FakeServerless {Describe(_store.WriterVersion)}; this is FakeServerless {CurrentVersion}, which replays only writes it logged itself. Start FakeServerless {Describe(_store.WriterVersion)} on it and stop it cleanly (Ctrl+C: its snapshot then holds every write, which any version with the same export format reads), or move the directory away to start empty.");
        }

        if (_store.ReadSnapshot() is { } snapshot)
        {
            if (snapshot.Version != codec.Version)
            {
                var newer = snapshot.Version > codec.Version;
                throw new DataDirectoryException(
                    newer ? DataDirectoryProblem.NewerFormat : DataDirectoryProblem.OtherVersion,
                    path,
                    $"{path} holds a snapshot in export format {snapshot.Version.ToString(CultureInfo.InvariantCulture)}, written by {(newer ? "a newer" : "an older")} FakeServerless ({Describe(_store.WriterVersion)}); this one (FakeServerless {CurrentVersion}) reads export format {codec.Version.ToString(CultureInfo.InvariantCulture)}. {(newer ? "Upgrade FakeServerless." : "Export the state with the FakeServerless that wrote it (GET /_fake/state) and import it here (PUT /_fake/state).")}");
            }

            try
            {
                codec.Import(snapshot.State);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new DataDirectoryException(DataDirectoryProblem.Damaged, path, $"{path} holds a snapshot (up to write {snapshot.Sequence}) that cannot be imported: {ex.Message}", ex);
            }
        }

        if (pending == 0 && !string.Equals(_store.WriterVersion, CurrentVersion, StringComparison.Ordinal))
        {
            // Nothing to replay: the snapshot (the export format, checked above) is the whole state, and this version logs from here.
            try
            {
                _store.SetWriterVersion(CurrentVersion);
            }
            catch (SqliteException ex)
            {
                throw new DataDirectoryException(DataDirectoryProblem.NotWritable, path, $"{path} cannot be written: {ex.Message}", ex);
            }
        }

        var replayed = Replay(_store.SnapshotSequence, replay);
        _rowsSinceSnapshot = replayed;
        if (replayed > 0)
        {
            // No snapshot here: it would add an export to every start after a crash; the next one is due after
            // SnapshotInterval - replayed more writes, so a restart never replays more than SnapshotInterval writes.
            _notes.Add($"Recovered {replayed} write(s) from the write log of {path} after an unclean stop (last write {_store.LastSequence}).");
        }

        foreach (var note in _notes)
        {
            _logger.LogWarning("{Note}", note);
        }
    }

    public void Append(LoggedChange change)
    {
        try
        {
            _store.Append(change);
        }
        catch (Exception ex) when (ex is SqliteException or IOException)
        {
            _appendProblem = $"The fake cannot write its data directory {_store.Directory} ({ex.Message.TrimEnd('.')}): writes are refused with 503 and change nothing; reads are answered.";
            _logger.LogError(ex, "Could not write to {Path}", _store.DatabasePath);
            throw new StateLogException(ex.Message, ex);
        }

        if (_appendProblem is not null)
        {
            _logger.LogWarning("{Path} can be written again", _store.DatabasePath);
            _appendProblem = null;
        }

        _rowsSinceSnapshot++;
    }

    public void Replace(byte[] state)
    {
        try
        {
            _store.WriteSnapshot(_codec!.Version, state);
        }
        catch (Exception ex) when (ex is SqliteException or IOException)
        {
            _appendProblem = $"The fake cannot write its data directory {_store.Directory} ({ex.Message.TrimEnd('.')}): writes are refused with 503 and change nothing; reads are answered.";
            _logger.LogError(ex, "Could not write an imported state to {Path}", _store.DatabasePath);
            throw new StateLogException(ex.Message, ex);
        }

        Snapshotted();
        _appendProblem = null;
    }

    public void Applied(bool snapshotNow)
    {
        if (_codec is not null && (snapshotNow || _rowsSinceSnapshot >= _nextSnapshotAt))
        {
            Snapshot();
        }
    }

    /// <summary>Clean shutdown: a last snapshot (so the next start replays nothing), the WAL folded into the file, the lock released.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            if (_codec is not null && _rowsSinceSnapshot > 0)
            {
                Snapshot();
            }

            if (Problem is null)
            {
                _store.Checkpoint();
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException)
        {
            _logger.LogError(ex, "Could not fold the write log into {Path}; it still holds every write", _store.DatabasePath);
        }
        finally
        {
            _store.Dispose();
        }
    }

    private static string Describe(string version) => version.Length == 0 ? "(unknown version)" : version;

    private int Replay(long from, Action<LoggedChange> replay)
    {
        var path = _store.DatabasePath;
        var expected = from + 1;
        var replayed = 0;
        foreach (var row in _store.ReadAfter(from))
        {
            if (row.Sequence != expected)
            {
                throw new DataDirectoryException(DataDirectoryProblem.Damaged, path, $"{path} is damaged: write {expected} is missing from its write log (the next is {row.Sequence}). Move it away to start empty, or restore a backup.");
            }

            try
            {
                replay(row);
            }
            catch (InvalidDataException ex)
            {
                throw new DataDirectoryException(DataDirectoryProblem.Damaged, path, $"{path}: write {row.Sequence} ({row.Request.Method} {row.Request.Path}) cannot be replayed: {ex.Message}", ex);
            }

            expected++;
            replayed++;
        }

        return replayed;
    }

    /// <summary>
    /// Exports the state into the snapshot. A failure leaves the log as it was — every write stays durable, so the write that
    /// triggered it is still acknowledged — and is tried again after another interval; meanwhile health says degraded.
    /// </summary>
    private void Snapshot()
    {
        try
        {
            _store.WriteSnapshot(_codec!.Version, _codec.Export());
        }
        catch (Exception ex) when (ex is SqliteException or IOException)
        {
            _snapshotProblem = $"The fake could not write a snapshot to its data directory {_store.Directory} ({ex.Message.TrimEnd('.')}): every write is still in its write log, but it grows and a restart replays more; it tries again after {_snapshotInterval} more writes.";
            _nextSnapshotAt = _rowsSinceSnapshot + _snapshotInterval;
            _logger.LogError(ex, "Could not write a snapshot to {Path}; the write log still holds every write", _store.DatabasePath);
            return;
        }

        Snapshotted();
    }

    private void Snapshotted()
    {
        _snapshotProblem = null;
        _rowsSinceSnapshot = 0;
        _nextSnapshotAt = _snapshotInterval;
    }
}
