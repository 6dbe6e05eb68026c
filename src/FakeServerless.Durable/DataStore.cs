using System.Globalization;
using FakeServerless.Messages;
using FakeServerless.Persistence;
using Microsoft.Data.Sqlite;

namespace FakeServerless.Durable;

/// <summary>
/// The data directory's one SQLite database, <c>fake-serverless.db</c> in WAL mode: a <c>meta</c> table (data format, seed,
/// the FakeServerless version that wrote the log), the write log (one row per change, committed before the change is made) and
/// at most one snapshot (an export of the whole state and the log sequence it includes). Not thread-safe: the write path's gate
/// serializes callers.
/// </summary>
internal sealed class DataStore : IDisposable
{
    /// <summary>The layout of this database; a data directory with a higher one was written by a newer FakeServerless.</summary>
    public const int FormatVersion = 1;

    public const string FileName = "fake-serverless.db";

    private const string LockFileName = "fake-serverless.lock";

    // errno of a lock held by another process (EAGAIN: 11 on Linux, 35 on macOS), or Windows' sharing and lock violations.
    private static readonly int[] LockHeldResults = [11, 35, unchecked((int)0x80070020), unchecked((int)0x80070021)];

    private readonly SqliteConnection _connection;
    private readonly FileStream _lock;
    private readonly Action<string>? _beforeWrite;
    private SqliteCommand? _append;

    private DataStore(string directory, string databasePath, SqliteConnection connection, FileStream lockFile, Action<string>? beforeWrite)
    {
        Directory = directory;
        DatabasePath = databasePath;
        _connection = connection;
        _lock = lockFile;
        _beforeWrite = beforeWrite;
    }

    public string Directory { get; }

    public string DatabasePath { get; }

    /// <summary>The sequence of the newest row written (or of the snapshot, when the log after it is empty).</summary>
    public long LastSequence { get; private set; }

    /// <summary>
    /// Opens (or creates) the database in <paramref name="directory"/>. Damage SQLite cannot roll back to its last complete
    /// transaction, a newer format, a foreign file, a directory in use or one this process cannot write throw
    /// <see cref="DataDirectoryException"/> saying which (<see cref="DataDirectoryException.Problem"/>).
    /// </summary>
    /// <param name="directory">The data directory (created when missing).</param>
    /// <param name="fullSync">SQLite's <c>synchronous=FULL</c> instead of <c>NORMAL</c>.</param>
    /// <param name="seed">The seed a new directory records.</param>
    /// <param name="writerVersion">The FakeServerless version a new directory records as the writer of its log.</param>
    /// <param name="notes">Receives what the start found (a torn last write).</param>
    /// <param name="beforeWrite">Called before each append (<c>"append"</c>) and snapshot (<c>"snapshot"</c>); a test throws from it to play a full disk.</param>
    public static DataStore Open(string directory, bool fullSync, int seed, string writerVersion, ICollection<string> notes, Action<string>? beforeWrite = null)
    {
        directory = Path.GetFullPath(directory);
        try
        {
            System.IO.Directory.CreateDirectory(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new DataDirectoryException(DataDirectoryProblem.NotWritable, directory, $"Cannot create the data directory {directory}: {ex.Message}", ex);
        }

        var lockPath = Path.Combine(directory, LockFileName);
        var lockFile = OpenLock(directory, lockPath);

        var databasePath = Path.Combine(directory, FileName);
        SqliteConnection? connection = null;
        try
        {
            WalInspector.NoteTornTail(databasePath, notes);
            connection = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = databasePath,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = false,
            }.ToString());
            connection.Open();
            var store = new DataStore(directory, databasePath, connection, lockFile, beforeWrite);
            store.Initialize(fullSync, seed, writerVersion);
            return store;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is ReadOnlyError or CantOpenError)
        {
            connection?.Dispose();
            lockFile.Dispose();
            throw new DataDirectoryException(DataDirectoryProblem.NotWritable, databasePath, $"The data directory {directory} is read-only: {databasePath} cannot be opened for writing ({ex.Message.TrimEnd('.')}).", ex);
        }
        catch (SqliteException ex)
        {
            connection?.Dispose();
            lockFile.Dispose();
            throw new DataDirectoryException(DataDirectoryProblem.Damaged, databasePath, $"{databasePath} is damaged or is not a FakeServerless data file ({ex.Message.TrimEnd('.')}). Move it away to start empty, or restore a backup.", ex);
        }
        catch
        {
            connection?.Dispose();
            lockFile.Dispose();
            throw;
        }
    }

    /// <summary>The seed the data directory was created with: its SIDs continue that sequence.</summary>
    public int Seed { get; private set; }

    /// <summary>The FakeServerless version that wrote the log rows after the snapshot (<c>meta.fake_version</c>).</summary>
    public string WriterVersion { get; private set; } = string.Empty;

    /// <summary>The last log row the snapshot includes (0 without a snapshot).</summary>
    public long SnapshotSequence { get; private set; }

    /// <summary>How many log rows come after the snapshot: the writes a start replays.</summary>
    public long PendingRows => Convert.ToInt64(Scalar($"SELECT count(*) FROM log WHERE seq > {SnapshotSequence.ToString(CultureInfo.InvariantCulture)};"), CultureInfo.InvariantCulture);

    /// <summary>Records that <paramref name="version"/> writes the log from now on (only while no row waits to be replayed).</summary>
    public void SetWriterVersion(string version)
    {
        using var transaction = _connection.BeginTransaction();
        SetMeta("fake_version", version, transaction);
        transaction.Commit();
        WriterVersion = version;
    }

    public void Append(LoggedChange row)
    {
        _beforeWrite?.Invoke("append");
        var command = _append ??= PrepareAppend();
        var sequence = LastSequence + 1;
        command.Parameters["$seq"].Value = sequence;
        command.Parameters["$at"].Value = row.At.UtcTicks;
        command.Parameters["$kind"].Value = row.Kind;
        command.Parameters["$account"].Value = (object?)row.AccountSid ?? DBNull.Value;
        command.Parameters["$method"].Value = row.Request.Method;
        command.Parameters["$scheme"].Value = row.Request.Scheme;
        command.Parameters["$host"].Value = row.Request.Host;
        command.Parameters["$path"].Value = row.Request.Path;
        command.Parameters["$query"].Value = row.Request.Query;
        command.Parameters["$content_type"].Value = (object?)row.Request.ContentType ?? DBNull.Value;
        command.Parameters["$body"].Value = row.Request.Body;
        command.Parameters["$transport"].Value = row.Request.Transport;
        command.ExecuteNonQuery(); // one autocommit transaction: on disk (WAL) when this returns
        LastSequence = sequence;
    }

    /// <summary>The rows after <paramref name="sequence"/>, oldest first.</summary>
    public IEnumerable<LoggedChange> ReadAfter(long sequence)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT seq, at, kind, account, method, scheme, host, path, query, content_type, body, transport FROM log WHERE seq > $after ORDER BY seq";
        command.Parameters.AddWithValue("$after", sequence);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new LoggedChange
            {
                Sequence = reader.GetInt64(0),
                At = new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero),
                Kind = reader.GetString(2),
                AccountSid = reader.IsDBNull(3) ? null : reader.GetString(3),
                Request = new EngineRequest
                {
                    Method = reader.GetString(4),
                    Scheme = reader.GetString(5),
                    Host = reader.GetString(6),
                    Path = reader.GetString(7),
                    Query = reader.GetString(8),
                    ContentType = reader.IsDBNull(9) ? null : reader.GetString(9),
                    Body = (byte[])reader.GetValue(10),
                    Transport = reader.GetString(11),
                },
            };
        }
    }

    /// <summary>The newest snapshot: the exported state, its export format version and the last log row it includes.</summary>
    public (long Sequence, int Version, byte[] State)? ReadSnapshot()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT seq, version, state FROM snapshot WHERE id = 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetInt32(1), (byte[])reader.GetValue(2)) : null;
    }

    /// <summary>Replaces the snapshot with <paramref name="state"/> (which includes every row so far) and drops those rows, in one transaction.</summary>
    public void WriteSnapshot(int version, byte[] state)
    {
        _beforeWrite?.Invoke("snapshot");
        using var transaction = _connection.BeginTransaction();
        using (var command = _connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "INSERT OR REPLACE INTO snapshot (id, seq, version, state) VALUES (1, $seq, $version, $state); DELETE FROM log WHERE seq <= $seq;";
            command.Parameters.AddWithValue("$seq", LastSequence);
            command.Parameters.AddWithValue("$version", version);
            command.Parameters.AddWithValue("$state", state);
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        SnapshotSequence = LastSequence;
    }

    /// <summary>Moves the WAL into the database file (clean shutdown: the next start reads one file).</summary>
    public void Checkpoint() => Execute("PRAGMA wal_checkpoint(TRUNCATE);");

    public void Dispose()
    {
        _append?.Dispose();
        _connection.Dispose();
        _lock.Dispose();
    }

    private const int ReadOnlyError = 8; // SQLITE_READONLY

    private const int CantOpenError = 14; // SQLITE_CANTOPEN

    /// <summary>Takes the directory's lock: another fake holding it is "in use"; a lock file that cannot be created or written is "read-only".</summary>
    private static FileStream OpenLock(string directory, string lockPath)
    {
        try
        {
            return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (LockHeldResults.Contains(ex.HResult))
        {
            throw new DataDirectoryException(DataDirectoryProblem.InUse, lockPath, $"The data directory {directory} is in use by another fake-serverless ({lockPath} is locked).", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // EACCES/EPERM (not this user's to write) and EROFS (a read-only file system) alike: the fake cannot keep state here.
            throw new DataDirectoryException(DataDirectoryProblem.NotWritable, lockPath, $"The data directory {directory} is read-only: {lockPath} cannot be created or written ({ex.Message.TrimEnd('.')}). Give this user write access, or choose another --data-dir.", ex);
        }
    }

    private void Initialize(bool fullSync, int seed, string writerVersion)
    {
        Execute("PRAGMA journal_mode=WAL;");
        Execute(fullSync ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
        var check = Scalar("PRAGMA quick_check;") as string;
        if (!string.Equals(check, "ok", StringComparison.Ordinal))
        {
            throw new DataDirectoryException(DataDirectoryProblem.Damaged, DatabasePath, $"{DatabasePath} is damaged (SQLite's quick_check says: {check}). Move it away to start empty, or restore a backup.");
        }

        var tables = Convert.ToInt64(Scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table';"), CultureInfo.InvariantCulture);
        var hasMeta = Convert.ToInt64(Scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta';"), CultureInfo.InvariantCulture) == 1;
        if (tables == 0)
        {
            using var transaction = _connection.BeginTransaction();
            Execute(
                """
                CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                CREATE TABLE log (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, kind TEXT NOT NULL, account TEXT, method TEXT NOT NULL,
                    scheme TEXT NOT NULL, host TEXT NOT NULL, path TEXT NOT NULL, query TEXT NOT NULL, content_type TEXT,
                    body BLOB NOT NULL, transport TEXT NOT NULL);
                CREATE TABLE snapshot (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, version INTEGER NOT NULL, state BLOB NOT NULL);
                """,
                transaction);
            SetMeta("format_version", FormatVersion.ToString(CultureInfo.InvariantCulture), transaction);
            SetMeta("seed", seed.ToString(CultureInfo.InvariantCulture), transaction);
            SetMeta("fake_version", writerVersion, transaction);
            transaction.Commit();
        }
        else if (!hasMeta)
        {
            throw new DataDirectoryException(DataDirectoryProblem.NotFakeServerlessData, DatabasePath, $"{DatabasePath} is an SQLite database but not a FakeServerless data file (it has no meta table). Use another directory.");
        }

        var format = ReadMetaInt("format_version");
        if (format > FormatVersion)
        {
            throw new DataDirectoryException(DataDirectoryProblem.NewerFormat, DatabasePath, $"{DatabasePath} has data format {format}, written by a newer FakeServerless (fake_version {GetMeta("fake_version")}); this one reads format {FormatVersion} or older. Upgrade FakeServerless.");
        }

        Seed = ReadMetaInt("seed");
        WriterVersion = GetMeta("fake_version") ?? string.Empty;
        SnapshotSequence = Convert.ToInt64(Scalar("SELECT coalesce(max(seq), 0) FROM snapshot;"), CultureInfo.InvariantCulture);
        var logSequence = Convert.ToInt64(Scalar("SELECT coalesce(max(seq), 0) FROM log;"), CultureInfo.InvariantCulture);
        LastSequence = Math.Max(SnapshotSequence, logSequence);
    }

    private int ReadMetaInt(string key) =>
        int.TryParse(GetMeta(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new DataDirectoryException(DataDirectoryProblem.Damaged, DatabasePath, $"{DatabasePath} is damaged: its meta table has no valid {key}. Move it away to start empty, or restore a backup.");

    private string? GetMeta(string key)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        return command.ExecuteScalar() as string;
    }

    private void SetMeta(string key, string value, SqliteTransaction transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT OR REPLACE INTO meta (key, value) VALUES ($key, $value)";
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$value", value);
        command.ExecuteNonQuery();
    }

    private SqliteCommand PrepareAppend()
    {
        var command = _connection.CreateCommand();
        command.CommandText = "INSERT INTO log (seq, at, kind, account, method, scheme, host, path, query, content_type, body, transport) VALUES ($seq, $at, $kind, $account, $method, $scheme, $host, $path, $query, $content_type, $body, $transport)";
        foreach (var name in new[] { "$seq", "$at", "$kind", "$account", "$method", "$scheme", "$host", "$path", "$query", "$content_type", "$body", "$transport" })
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private void Execute(string sql, SqliteTransaction? transaction = null)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
