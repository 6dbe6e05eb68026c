using System.Runtime.ExceptionServices;
using FakeServerless.Routing;
using FakeServerless.State;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace FakeServerless.Persistence;

/// <summary>
/// Durable mode (<see cref="FakeServerlessOptions.DataDirectory"/>): a write log plus snapshots, as Redis pairs its AOF with
/// RDB files. Every request that changed state is appended to the log, in one SQLite transaction, before its answer is sent;
/// every <see cref="FakeServerlessOptions.SnapshotInterval"/> rows, on clean shutdown and after any change made outside an
/// HTTP request, the whole state is exported into the snapshot and the rows it covers are dropped. On start the snapshot is
/// imported and the later rows are sent through the same engine again with the clock pinned to each row's "now".
/// </summary>
internal sealed class DurableState : IDisposable
{
    // One gate for every request that may change state, across accounts: SIDs come from one seeded generator shared by all
    // accounts, so replay gives the same SIDs only if the log order is the order the generator was used in. Holding the gate
    // from "read the mutation counter" to "row committed" makes the two orders the same.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly DataStore _store;
    private readonly PinnedClock _clock;
    private readonly List<string> _notes;
    private readonly ILogger _logger;
    private readonly int _snapshotInterval;
    private readonly Dictionary<string, Func<LoggedRequest, Task>> _replayers = new(StringComparer.Ordinal);
    private MutationCounter? _mutations;
    private StateCodec? _codec;
    private long _accounted; // the mutation count the data directory already holds
    private int _rowsSinceSnapshot;
    private Exception? _broken;
    private bool _disposed;
    private bool _warnedNoSnapshot;

    private DurableState(DataStore store, PinnedClock clock, List<string> notes, ILogger logger, int snapshotInterval)
    {
        _store = store;
        _clock = clock;
        _notes = notes;
        _logger = logger;
        _snapshotInterval = Math.Max(1, snapshotInterval);
    }

    /// <summary>The data directory (full path).</summary>
    public string Directory => _store.Directory;

    /// <summary>What recovery found and did, one sentence each (printed on stderr by the CLI); empty after a clean stop.</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>The sequence of the newest write on disk.</summary>
    public long LastSequence => _store.LastSequence;

    /// <summary>
    /// Opens the data directory and points <paramref name="options"/> at it: the seed becomes the directory's own (so replayed
    /// SIDs come out the same) and the clock becomes one the durable gate can pin. Call before the engine is built.
    /// </summary>
    public static DurableState Open(FakeServerlessOptions options, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        var notes = new List<string>();
        var store = DataStore.Open(options.DataDirectory, options.DurableFullSync, options.Seed, notes);
        options.Seed = store.Seed;
        var clock = new PinnedClock(options.TimeProvider);
        options.TimeProvider = clock;
        return new DurableState(store, clock, notes, logger, options.SnapshotInterval);
    }

    /// <summary>Says how rows of <paramref name="kind"/> (<see cref="LoggedRequestKind"/>) are sent through their engine again.</summary>
    public void RegisterReplayer(string kind, Func<LoggedRequest, Task> replay) => _replayers[kind] = replay;

    /// <summary>
    /// Imports the snapshot and replays the log after it. Damage SQLite did not already roll back (a gap in the log, a row that
    /// cannot be replayed, a snapshot from a newer export format) throws <see cref="DataDirectoryException"/>.
    /// </summary>
    public void Recover(MutationCounter mutations, StateCodec? codec)
    {
        _mutations = mutations;
        _codec = codec;
        long from = 0;
        if (_store.ReadSnapshot() is { } snapshot)
        {
            if (codec is null || snapshot.Version > codec.Version)
            {
                throw new DataDirectoryException(_store.DatabasePath, $"{_store.DatabasePath} holds a snapshot in export format {snapshot.Version}, written by a newer FakeServerless; this one reads format {codec?.Version ?? 0} or older. Upgrade FakeServerless.");
            }

            try
            {
                codec.Import(snapshot.State);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new DataDirectoryException(_store.DatabasePath, $"{_store.DatabasePath} holds a snapshot (up to write {snapshot.Sequence}) that cannot be imported: {ex.Message}", ex);
            }

            from = snapshot.Sequence;
        }

        var replayed = Replay(from);
        _accounted = mutations.Value;
        _rowsSinceSnapshot = replayed;
        if (replayed > 0)
        {
            // No snapshot here: it would add an export to every start after a crash; the next one is due after
            // SnapshotInterval - replayed more writes, so a restart never replays more than SnapshotInterval writes.
            _notes.Add($"Recovered {replayed} write(s) from the write log of {_store.DatabasePath} after an unclean stop (last write {_store.LastSequence}).");
        }

        foreach (var note in _notes)
        {
            _logger.LogWarning("{Note}", note);
        }
    }

    /// <summary>
    /// Runs a request that may change state through the durable gate: with the clock pinned, and, when the mutation counter
    /// moved, with its row committed before this returns (so before the answer is sent). A request that throws after changing
    /// state is logged too: replaying it throws the same way.
    /// </summary>
    public async Task<EngineResponse> RunAsync(EngineRequest request, string kind, string? accountSid, Func<Task<EngineResponse>> handle)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var mutations = Ready();
            SaveOutsideChanges(mutations);
            var now = _clock.Inner.GetUtcNow();
            var before = mutations.Value;
            EngineResponse? response = null;
            ExceptionDispatchInfo? failure = null;
            _clock.Pin(now);
            try
            {
                response = await handle().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }
            finally
            {
                _clock.Unpin();
            }

            if (mutations.Value != before)
            {
                Append(mutations, new LoggedRequest
                {
                    At = now,
                    Kind = kind,
                    AccountSid = accountSid,
                    Request = request,
                });
            }

            failure?.Throw();
            return response!;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs something that may change state but cannot be replayed from its request (a deployed function run by your own
    /// handler): through the gate, then a snapshot if it changed anything.
    /// </summary>
    public async Task<T> RunUnloggedAsync<T>(Func<Task<T>> action)
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            var mutations = Ready();
            SaveOutsideChanges(mutations);
            var result = await action().ConfigureAwait(false);
            SaveOutsideChanges(mutations);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs a change made from C# (the account facade, seeding, <c>FailNextBuild</c>, <c>ImportState</c>, <c>Reset</c>), which has
    /// no request to log: through the gate, then a snapshot if it changed anything, before it returns.
    /// </summary>
    public T RunOutsideRequest<T>(Func<T> action)
    {
        _gate.Wait();
        try
        {
            var mutations = Ready();
            SaveOutsideChanges(mutations);
            var result = action();
            SaveOutsideChanges(mutations);
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Clean shutdown: a last snapshot (so the next start replays nothing), the WAL folded into the file, the lock released.</summary>
    public void Dispose()
    {
        _gate.Wait();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_broken is null && _mutations is not null && _codec is not null &&
                (_rowsSinceSnapshot > 0 || _mutations.Value != _accounted))
            {
                Snapshot();
            }

            if (_broken is null)
            {
                _store.Checkpoint();
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException or ServerlessException)
        {
            _logger.LogError(ex, "Could not write the last snapshot to {Path}; the write log still holds every write", _store.DatabasePath);
        }
        finally
        {
            _store.Dispose();
            _gate.Release();
        }
    }

    private int Replay(long from)
    {
        var expected = from + 1;
        var replayed = 0;
        foreach (var row in _store.ReadAfter(from))
        {
            if (row.Sequence != expected)
            {
                throw new DataDirectoryException(_store.DatabasePath, $"{_store.DatabasePath} is damaged: write {expected} is missing from its write log (the next is {row.Sequence}). Move it away to start empty, or restore a backup.");
            }

            if (!_replayers.TryGetValue(row.Kind, out var replay))
            {
                throw new DataDirectoryException(_store.DatabasePath, $"{_store.DatabasePath} has write {row.Sequence} of kind '{row.Kind}', which this FakeServerless cannot replay (written by a newer one?).");
            }

            _clock.Pin(row.At);
            try
            {
                replay(row).GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                throw new DataDirectoryException(_store.DatabasePath, $"{_store.DatabasePath}: write {row.Sequence} ({row.Request.Method} {row.Request.Path}) cannot be replayed: {ex.Message}", ex);
            }
            finally
            {
                _clock.Unpin();
            }

            expected++;
            replayed++;
        }

        return replayed;
    }

    private MutationCounter Ready()
    {
        if (_disposed)
        {
            throw ServerlessException.Unavailable("The fake is stopping: its data directory is closed.");
        }

        if (_broken is not null)
        {
            throw ServerlessException.Unavailable($"The fake cannot write its data directory ({_broken.Message}); it refuses requests so that no answer is sent for a write that is not on disk. Restart it.");
        }

        return _mutations ?? throw new InvalidOperationException("Recover must run before requests.");
    }

    private void Append(MutationCounter mutations, LoggedRequest row)
    {
        try
        {
            _store.Append(row);
        }
        catch (Exception ex) when (ex is SqliteException or IOException)
        {
            _broken = ex;
            _logger.LogError(ex, "Could not write to {Path}", _store.DatabasePath);
            throw ServerlessException.Unavailable($"The fake could not write this request to its data directory ({ex.Message}); the change is not durable. Restart it.");
        }

        _accounted = mutations.Value;
        if (++_rowsSinceSnapshot >= _snapshotInterval && _codec is not null)
        {
            Snapshot();
        }
    }

    private void SaveOutsideChanges(MutationCounter mutations)
    {
        if (mutations.Value == _accounted)
        {
            return;
        }

        if (_codec is null)
        {
            // Without an export there is nothing to write; the log keeps working, but these changes are not durable.
            if (!_warnedNoSnapshot)
            {
                _warnedNoSnapshot = true;
                _logger.LogWarning("State changed outside an HTTP request; this build cannot snapshot it, so that change is not durable");
            }

            _accounted = mutations.Value;
            return;
        }

        Snapshot();
    }

    private void Snapshot()
    {
        var codec = _codec!;
        var count = _mutations!.Value; // read first: a change racing the export is snapshotted again next time
        try
        {
            _store.WriteSnapshot(codec.Version, codec.Export());
        }
        catch (Exception ex) when (ex is SqliteException or IOException)
        {
            _broken = ex;
            _logger.LogError(ex, "Could not write a snapshot to {Path}", _store.DatabasePath);
            throw ServerlessException.Unavailable($"The fake could not write a snapshot to its data directory ({ex.Message}). Restart it.");
        }

        _accounted = count;
        _rowsSinceSnapshot = 0;
    }
}
