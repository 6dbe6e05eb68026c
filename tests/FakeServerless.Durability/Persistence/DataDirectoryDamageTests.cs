using FakeServerless.Durability.Support;
using Microsoft.Data.Sqlite;

namespace FakeServerless.Durability.Persistence;

/// <summary>A damaged, foreign, newer or busy data directory never starts empty: it recovers and says so, or it refuses.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class DataDirectoryDamageTests
{
    private static readonly Uri Twilio = new("https://serverless.twilio.com/");

    [Test]
    public void Start_GarbageDatabaseFile_RefusesNamingTheFile()
    {
        using var dir = new DataDir();
        var garbage = new byte[8192];
        new Random(7).NextBytes(garbage);
        File.WriteAllBytes(dir.Database, garbage);

        var ex = Assert.Throws<DataDirectoryException>(() => FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(dir.Path)));

        Assert.That(ex!.FilePath, Is.EqualTo(dir.Database));
        Assert.That(ex.Problem, Is.EqualTo(DataDirectoryProblem.Damaged));
        Assert.That(ex.Message, Does.Contain(dir.Database).And.Contain("not a FakeServerless data file"));
        Assert.That(File.ReadAllBytes(dir.Database), Is.EqualTo(garbage), "the damaged file is left as it was");
    }

    [Test]
    public void Start_NewerDataFormat_RefusesSayingSo()
    {
        using var dir = new DataDir();
        FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(dir.Path)).Dispose();
        Execute(dir, "UPDATE meta SET value = '99' WHERE key = 'format_version'");

        var ex = Assert.Throws<DataDirectoryException>(() => FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(dir.Path)));

        Assert.That(ex!.FilePath, Is.EqualTo(dir.Database));
        Assert.That(ex.Message, Does.Contain("data format 99").And.Contain("newer FakeServerless"));
    }

    [Test]
    public void Start_ForeignSqliteDatabase_RefusesSayingSo()
    {
        using var dir = new DataDir();
        Execute(dir, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");

        var ex = Assert.Throws<DataDirectoryException>(() => FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(dir.Path)));

        Assert.That(ex!.Message, Does.Contain(dir.Database).And.Contain("no meta table"));
    }

    [Test]
    public async Task Start_WriteMissingFromTheLog_RefusesNamingIt()
    {
        using var dir = new DataDir();
        using var first = FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(dir.Path, d => d.SnapshotInterval = int.MaxValue));
        var a = new ServerlessClient(first.CreateHttpClient(), Twilio);
        for (var i = 0; i < 3; i++)
        {
            await a.CreateServiceAsync($"shop-{i}");
        }

        using var image = dir.CrashImage();
        Execute(image, "DELETE FROM log WHERE seq = (SELECT min(seq) + 1 FROM log)");

        var ex = Assert.Throws<DataDirectoryException>(() => FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(image.Path)));

        Assert.That(ex!.Message, Does.Contain(image.Database).And.Match("write \\d+ is missing"));
    }

    [Test]
    public async Task Start_DirectoryInUse_RefusesNamingTheLock()
    {
        using var dir = new DataDir();
        using var first = FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(dir.Path));
        await new ServerlessClient(first.CreateHttpClient(), Twilio).CreateServiceAsync("shop");

        var ex = Assert.Throws<DataDirectoryException>(() => FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(dir.Path)));

        Assert.That(ex!.Problem, Is.EqualTo(DataDirectoryProblem.InUse));
        Assert.That(ex.Message, Does.Contain("in use by another fake-serverless"));
    }

    [Test]
    public async Task Start_WalCutInTheMiddleOfAWrite_RecoversEveryCompleteWriteAndSaysSo()
    {
        using var dir = new DataDir();
        using var first = FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(dir.Path, d => d.SnapshotInterval = int.MaxValue));
        var a = new ServerlessClient(first.CreateHttpClient(), Twilio);
        var services = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            services.Add(await a.CreateServiceAsync($"shop-{i}"));
        }

        using var image = dir.CrashImage();
        var wal = new FileInfo(image.Wal);
        Assert.That(wal.Exists && wal.Length > 4096, Is.True, "the writes are still in the WAL");
        using (var stream = new FileStream(image.Wal, FileMode.Open))
        {
            stream.SetLength(wal.Length - 100); // the last frame (the last write's commit) is torn
        }

        using var second = FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(image.Path));
        var b = new ServerlessClient(second.CreateHttpClient(), Twilio);
        var found = new List<string>();
        foreach (var sid in services)
        {
            if (await b.GetAsync($"Services/{sid}") is not null)
            {
                found.Add(sid);
            }
        }

        Assert.That(found, Is.EqualTo(services.Take(19)), "every write before the torn one, and not the torn one");
        Assert.That(second.Persistence.RecoveryNotes, Has.Some.Contains(image.Wal).And.Some.Contains("partial write"));
    }

    private static void Execute(DataDir dir, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={dir.Database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
