using FakeServerless.Clock;
using FakeServerless.Messages;
using FakeServerless.Persistence;
using FakeServerless.State;
using Microsoft.Extensions.Logging;

namespace FakeServerless.Changes;

/// <summary>
/// The write path: the one way state changes. An API request on a write route (or a poll that moves a build on), and a
/// <see cref="StateCommand"/> from C# or the control API, all come through here; reads never do.
/// </summary>
/// <remarks>
/// <para>In memory it applies a change at once (the backend's account locks keep each change whole, as before).</para>
/// <para>
/// With a state log (durable mode) it makes changes one at a time under its gate: it pins the clock to one "now", commits the
/// change's log row, and only then applies the change, then lets the log snapshot when one is due. A change is applied only
/// once it is on disk, so a reader — who never takes the gate and sees state under the account locks only — never observes a
/// write that is not durable, and a write the log refused (a full disk) is never applied at all: its caller gets 503 and reads
/// go on from what is on disk. The gate also makes the log order the order the seeded SID generator is used in, so replay
/// mints the same SIDs. A crash between commit and apply leaves a change that was never answered but is replayed on start,
/// which is what a client sees of any write in flight at a crash.
/// </para>
/// <para>
/// Request paths wait for the gate asynchronously. The synchronous C# API (<see cref="Apply{T}"/>) blocks only its caller's
/// thread; inside a control request that holds the gate (<see cref="HoldAsync{T}"/>) it does not wait at all.
/// </para>
/// </remarks>
internal sealed class StateWriter
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    // True on the thread that holds the gate while it runs a held change (always synchronous: control handlers, C# calls), so its
    // nested changes do not wait for the gate. Per thread, not per async flow: a task started inside a held change (Node mode's
    // build step, a Node process's output reader) must wait for the gate like anyone else, not inherit the holder's pass.
    private readonly ThreadLocal<bool> _holding = new();
    private readonly CommandTarget _live;
    private readonly CommandTarget _replaying;
    private readonly IStateLog? _log;
    private readonly PinnedClock? _clock;
    private readonly ILogger _logger;
    private readonly Func<LoggedChange, bool> _replayApi;
    private bool _closed;
    private DateTimeOffset _lastReplayed = DateTimeOffset.MinValue;

    /// <param name="backend">The only owner of state; in durable mode its clock is a <see cref="PinnedClock"/>.</param>
    /// <param name="log">Durable mode's log, or null in memory.</param>
    /// <param name="replayApi">Makes a logged API request again; false when its route is gone.</param>
    /// <param name="logger">The fake's logger.</param>
    public StateWriter(ServerlessBackend backend, IStateLog? log, Func<LoggedChange, bool> replayApi, ILogger logger)
    {
        _live = new CommandTarget(backend, Replaying: false);
        _replaying = _live with { Replaying = true };
        _log = log;
        _replayApi = replayApi;
        _logger = logger;
        if (log is not null)
        {
            _clock = backend.Settings.TimeProvider as PinnedClock ?? throw new ArgumentException("Durable mode needs the state's clock wrapped in a PinnedClock.", nameof(backend));
            Persistence = new PersistenceInfo(log.Location, log.Notes, () => log.Problem);
        }
        else
        {
            Persistence = new PersistenceInfo(null, [], static () => null);
        }
    }

    /// <summary>True in durable mode: changes are logged, and reads that would change state are run again as writes.</summary>
    public bool IsDurable => _log is not null;

    /// <summary>In memory, or durable (where, what its start recovered, and whether it can write now).</summary>
    public PersistenceInfo Persistence { get; }

    /// <summary>
    /// Start-up (durable mode): imports the snapshot and makes every later logged change again. A virtual clock then reads at least
    /// the time of the last change (it never goes backwards past a date the state holds); the snapshot and logged clock moves set
    /// it to the directory's own time.
    /// </summary>
    public void Recover()
    {
        if (_log is null)
        {
            return;
        }

        _log.Recover(StateCodec.For(_live.Backend), Replay);
        if (VirtualClock.Of(_live.Backend.Settings.TimeProvider) is { } clock && clock.GetUtcNow() < _lastReplayed)
        {
            clock.Restore(_lastReplayed);
        }
    }

    /// <summary>An API request on a write route: logged (durable mode) before <paramref name="apply"/> runs its handler.</summary>
    public async ValueTask<EngineResponse> WriteAsync(EngineRequest request, string accountSid, Func<EngineResponse> apply)
    {
        if (_log is null)
        {
            return apply();
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return Commit(at => new LoggedChange { At = at, Kind = LoggedChangeKind.Api, AccountSid = accountSid, Request = request }, apply, snapshotNow: false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// A change from the synchronous C# API: logged (durable mode) before it is applied. Blocks the calling thread while another
    /// change is being made — a test's thread, never a request path (control requests hold the gate, see <see cref="HoldAsync{T}"/>).
    /// </summary>
    public T Apply<T>(StateCommand<T> command) => _log is null ? command.Apply(_live) : Exclusively(() => CommitCommand(command));

    /// <summary>
    /// Replaces the whole state (<see cref="FakeServerlessServer.ImportState"/>, <c>PUT /_fake/state</c>). Durable mode writes the
    /// new state as the snapshot once it is built and checked, and only then publishes it: an invalid state changes and writes
    /// nothing, and no reader sees the new state before it is on disk. Blocks as <see cref="Apply{T}"/> does.
    /// </summary>
    public void ReplaceState(FakeServerlessState state)
    {
        if (_log is null)
        {
            _live.Backend.Import(state);
            return;
        }

        Exclusively(() =>
        {
            ThrowIfClosed();
            _live.Backend.Import(state, beforePublish: () =>
            {
                try
                {
                    _log.Replace(state.ToJsonUtf8());
                }
                catch (StateLogException ex)
                {
                    throw ServerlessException.Unavailable($"The fake could not write the imported state to its data directory, so it did not import it ({ex.Message}). Nothing changed; try again once the fake can write (GET /_fake/health).");
                }
            });
            return true;
        });
    }

    /// <summary>As <see cref="Apply{T}"/>, waiting for the gate without blocking a thread (request paths).</summary>
    public async ValueTask<T> ApplyAsync<T>(StateCommand<T> command)
    {
        if (_log is null)
        {
            return command.Apply(_live);
        }

        if (_holding.Value)
        {
            return CommitCommand(command);
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _holding.Value = true;
            return CommitCommand(command);
        }
        finally
        {
            _holding.Value = false;
            _gate.Release();
        }
    }

    /// <summary>
    /// A read that may find it would change state (a look that moves a build on): run as a read, and when it throws
    /// <see cref="StateChangeNeededException"/> (before changing anything), made as the write <paramref name="asWrite"/>.
    /// In memory it just runs with changes allowed.
    /// </summary>
    public T Read<T>(Func<bool, T> read, Func<StateCommand<T>> asWrite)
    {
        if (_log is null)
        {
            return read(true);
        }

        try
        {
            return read(false);
        }
        catch (StateChangeNeededException)
        {
            return Apply(asWrite());
        }
    }

    /// <summary>
    /// Runs a control request that changes state: the gate is held (waited for asynchronously) across <paramref name="run"/>,
    /// whose changes — C# API calls that build <see cref="StateCommand"/>s — are each logged and applied without waiting again.
    /// </summary>
    public async ValueTask<T> HoldAsync<T>(Func<T> run)
    {
        if (_log is null)
        {
            return run();
        }

        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _holding.Value = true;
            return run();
        }
        finally
        {
            _holding.Value = false;
            _gate.Release();
        }
    }

    /// <summary>Clean shutdown: after the last change, the log writes its last snapshot and closes.</summary>
    public void Close()
    {
        if (_log is null)
        {
            return;
        }

        _gate.Wait(); // shutdown, not a request path: the transports have stopped answering
        try
        {
            if (!_closed)
            {
                _closed = true;
                _log.Dispose();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="run"/> for the synchronous C# API holding the gate: waits for it (blocking this thread) unless this thread
    /// holds it already. A change the data directory refused reaches a C# caller as an <see cref="InvalidOperationException"/> (the 503
    /// inside); inside a request that holds the gate it stays the <see cref="ServerlessException"/> the request answers.
    /// </summary>
    private T Exclusively<T>(Func<T> run)
    {
        var waited = false;
        try
        {
            if (!_holding.Value)
            {
                _gate.Wait();
                waited = true;
                _holding.Value = true;
            }

            return run();
        }
        catch (ServerlessException ex) when (ex.Status == 503 && waited)
        {
            throw new InvalidOperationException(ex.Message, ex); // a C# caller; inside a held request it stays the request's 503
        }
        finally
        {
            if (waited)
            {
                _holding.Value = false;
                _gate.Release();
            }
        }
    }

    private T CommitCommand<T>(StateCommand<T> request)
    {
        var command = request.Prepare(_live);
        return Commit(
            at => new LoggedChange
            {
                At = at,
                Kind = LoggedChangeKind.Command,
                AccountSid = command.AccountOf(),
                Request = new EngineRequest
                {
                    Method = "COMMAND",
                    Scheme = "fake",
                    Host = "state",
                    Path = "/" + command.GetType().Name,
                    Query = string.Empty,
                    ContentType = "application/json",
                    Body = command.ToJson(),
                    Transport = "command",
                },
            },
            () => command.Apply(_live),
            command.ReplacesState());
    }

    /// <summary>Under the gate: the clock pinned, the row committed, then the change applied, then a snapshot if one is due.</summary>
    private T Commit<T>(Func<DateTimeOffset, LoggedChange> row, Func<T> apply, bool snapshotNow)
    {
        ThrowIfClosed();

        var now = _clock!.Inner.GetUtcNow();
        _clock.Pin(now);
        try
        {
            try
            {
                _log!.Append(row(now));
            }
            catch (StateLogException ex)
            {
                throw ServerlessException.Unavailable($"The fake could not write this change to its data directory, so it did not make it ({ex.Message}). Nothing changed; try again once the fake can write (GET /_fake/health).");
            }

            try
            {
                return apply();
            }
            finally
            {
                _log.Applied(snapshotNow);
            }
        }
        finally
        {
            _clock.Unpin();
        }
    }

    private void ThrowIfClosed()
    {
        if (_closed)
        {
            throw ServerlessException.Unavailable("The fake is stopping: its data directory is closed.");
        }
    }

    /// <summary>
    /// Start-up: one logged change made again, with the clock pinned to its time. It fails now as it failed when it was made (the
    /// log is replayed only by the fake version that wrote it), so a failure is not an error; a row that cannot be read is.
    /// </summary>
    private void Replay(LoggedChange row)
    {
        _lastReplayed = row.At > _lastReplayed ? row.At : _lastReplayed;
        _clock!.Pin(row.At);
        try
        {
            switch (row.Kind)
            {
                case LoggedChangeKind.Api:
                    if (!_replayApi(row))
                    {
                        throw new InvalidDataException($"{row.Request.Method} {row.Request.Path} matches no write route of this fake.");
                    }

                    break;
                case LoggedChangeKind.Command:
                    var command = StateCommand.FromJson(row.Request.Body);
                    try
                    {
                        command.Execute(_replaying);
                    }
                    catch (Exception ex) when (ex is ServerlessException or ArgumentException or InvalidOperationException)
                    {
                        // Refused when it was made too (e.g. a unique name taken): only what it did before failing matters.
                    }

                    break;
                default:
                    throw new InvalidDataException($"Changes of kind '{row.Kind}' are unknown to this fake.");
            }
        }
        catch (Exception ex) when (ex is not InvalidDataException and not OutOfMemoryException)
        {
            _logger.LogWarning(ex, "Write {Sequence} ({Method} {Path}) failed again when replayed", row.Sequence, row.Request.Method, row.Request.Path);
        }
        finally
        {
            _clock.Unpin();
        }
    }
}
