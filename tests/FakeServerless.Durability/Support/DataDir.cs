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
}
