using System.Globalization;
using Microsoft.Data.Sqlite;

namespace FakeServerless.Durability.Support;

/// <summary>A fresh, empty data directory under the test's work folder, deleted on dispose.</summary>
public sealed class DataDir : IDisposable
{
    public DataDir()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fake-serverless-durability", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Database => System.IO.Path.Combine(Path, "fake-serverless.db");

    public string Wal => Database + "-wal";

    /// <summary>
    /// A copy of the directory's database files as they are on disk right now, as a crash would leave them (the WAL included,
    /// not checkpointed). Take it while no request is being answered.
    /// </summary>
    public DataDir CrashImage()
    {
        var copy = new DataDir();
        foreach (var suffix in new[] { string.Empty, "-wal" })
        {
            var source = Database + suffix;
            if (File.Exists(source))
            {
                using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var output = File.Create(copy.Database + suffix);
                input.CopyTo(output);
            }
        }

        return copy;
    }

    /// <summary>How many writes the log holds now (read beside the running fake, as SQLite's WAL allows).</summary>
    public long LogRows() => Scalar("SELECT count(*) FROM log");

    /// <summary>The sequence of the newest write logged or snapshotted.</summary>
    public long LastSequence() => Scalar("SELECT max(coalesce((SELECT max(seq) FROM log), 0), coalesce((SELECT max(seq) FROM snapshot), 0))");

    /// <summary>What the directory holds, in one string: it changes with every write it keeps (a log row, or a snapshot).</summary>
    public string Durable() => FormattableString.Invariant($"write {LastSequence()}, snapshot {Scalar("SELECT coalesce((SELECT length(state) || seq FROM snapshot), 0)")}, log rows {LogRows()}");

    /// <summary>Whether the directory holds a snapshot.</summary>
    public bool HasSnapshot() => Scalar("SELECT count(*) FROM snapshot") > 0;

    /// <summary>Runs one SQL statement on the database (to damage it, or to age it).</summary>
    public void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("FAKESERVERLESS_KEEP_DATA_DIRS") == "1")
        {
            TestContext.Out.WriteLine($"Kept data directory {Path}");
            return;
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the temp folder is cleaned up later.
        }
    }

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
