using FakeServerless.Durability.Support;
using Microsoft.Data.Sqlite;

namespace FakeServerless.Durability.Persistence;

/// <summary>Snapshots: every N writes, after changes made from C#, on clean shutdown; and a newer snapshot is refused.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class SnapshotTests
{
    private static readonly Uri Twilio = new("https://serverless.twilio.com/");

    [Test]
    public async Task Start_SnapshotPlusLaterWrites_AnswersAsBeforeAndReplaysOnlyTheWritesAfterTheSnapshot()
    {
        using var dir = new DataDir();
        using var first = FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(dir.Path, d => d.SnapshotInterval = 4));
        var a = new ServerlessClient(first.CreateHttpClient(), Twilio);
        var services = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            services.Add(await a.CreateServiceAsync($"shop-{i}"));
        }

        var before = await a.GetTextAsync("Services?PageSize=3&Page=1");
        using var image = dir.CrashImage();
        var next = await a.CreateServiceAsync("next");

        using var second = FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(image.Path));
        var b = new ServerlessClient(second.CreateHttpClient(), Twilio);

        Assert.That(await b.GetTextAsync("Services?PageSize=3&Page=1"), Is.EqualTo(before));
        Assert.That(await b.CreateServiceAsync("next"), Is.EqualTo(next));
        Assert.That(second.Persistence.RecoveryNotes, Has.One.Contains("Recovered 2 write(s)"), "10 writes: a snapshot at 8, then 2 replayed");
    }

    [Test]
    public async Task Start_AfterChangesFromCSharp_HasThemAndTheSameNextSids()
    {
        using var dir = new DataDir();
        using var first = FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(dir.Path));
        var seeded = first.Account().CreateService("seeded");
        first.FailNextBuild();
        var a = new ServerlessClient(first.CreateHttpClient(), Twilio);
        var viaHttp = await a.CreateServiceAsync("via-http");
        first.Account().CreateEnvironment(viaHttp, "staging");

        using var image = dir.CrashImage();
        var build = await a.CreateBuildAsync(seeded.Sid, first.Account().CreateFunctionVersion(seeded.Sid, first.Account().CreateFunction(seeded.Sid, "f").Sid, "/f", "x").Sid);

        using var second = FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(image.Path));
        var b = new ServerlessClient(second.CreateHttpClient(), Twilio);
        var rebuilt = await b.CreateBuildAsync(seeded.Sid, second.Account().CreateFunctionVersion(seeded.Sid, second.Account().CreateFunction(seeded.Sid, "f").Sid, "/f", "x").Sid);

        Assert.That(second.Snapshot().Services.Select(s => s.Sid), Is.EqualTo(new[] { seeded.Sid, viaHttp }));
        Assert.That(second.Snapshot().Environments.Select(e => e.UniqueName), Is.EqualTo(new[] { "staging" }));
        Assert.That(rebuilt, Is.EqualTo(build));
        Assert.That((await b.GetAsync($"Services/{seeded.Sid}/Builds/{rebuilt}/Status"))!.Value.GetProperty("status").GetString(), Is.EqualTo("failed"), "the pending failure survived");
    }

    [Test]
    public async Task Start_AfterVirtualClockMovedByControlApi_ReadsTheMovedTime()
    {
        var start = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var dir = new DataDir();
        using var first = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { TimeProvider = new VirtualClock(start), EnableControlApi = true }.UseDurableState(dir.Path));
        var a = new ServerlessClient(first.CreateHttpClient(), Twilio);
        await a.CreateServiceAsync("before");
        using var moved = await first.CreateHttpClient().PostAsync(
            new Uri(first.Url, "/_fake/clock"), new StringContent("""{"advance_seconds":86400}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.That((int)moved.StatusCode, Is.EqualTo(200));

        using var image = dir.CrashImage();
        var restartedClock = new VirtualClock(start.AddDays(30)); // a restart starts its clock anew; the data directory's time wins
        using var second = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { TimeProvider = restartedClock }.UseDurableState(image.Path));
        var b = new ServerlessClient(second.CreateHttpClient(), Twilio);
        await b.CreateServiceAsync("after");

        Assert.That(restartedClock.GetUtcNow(), Is.EqualTo(start.AddDays(1)));
        Assert.That(second.Options.TimeProvider, Is.SameAs(restartedClock), "the clock given, not durable mode's wrapper");
        Assert.That(second.Snapshot().Services.Select(s => s.DateCreated), Is.EqualTo(new[] { start, start.AddDays(1) }));
    }

    [Test]
    public async Task Start_AfterResetFromCSharp_IsEmptyAndMintsTheSeedsFirstSids()
    {
        using var dir = new DataDir();
        using var first = FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(dir.Path));
        var a = new ServerlessClient(first.CreateHttpClient(), Twilio);
        await a.CreateServiceAsync("gone");
        first.Reset();
        using var image = dir.CrashImage();
        var afterReset = await a.CreateServiceAsync("fresh");

        using var second = FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(image.Path));
        var b = new ServerlessClient(second.CreateHttpClient(), Twilio);

        Assert.That(second.Snapshot().Services, Is.Empty);
        Assert.That(await b.CreateServiceAsync("fresh"), Is.EqualTo(afterReset));
    }

    [Test]
    public async Task Start_AfterCleanStop_ReplaysNothing()
    {
        using var dir = new DataDir();
        using (var first = FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(dir.Path)))
        {
            await new ServerlessClient(first.CreateHttpClient(), Twilio).CreateServiceAsync("shop");
        }

        using var second = FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(dir.Path));

        Assert.That(second.Persistence.RecoveryNotes, Is.Empty);
        Assert.That(second.Snapshot().Services.Select(s => s.UniqueName), Is.EqualTo(new[] { "shop" }));
        Assert.That(File.Exists(dir.Wal) ? new FileInfo(dir.Wal).Length : 0, Is.Zero, "the WAL was folded into the database file");
    }

    [Test]
    public void Start_SnapshotFromANewerExportVersion_RefusesSayingSo()
    {
        using var dir = new DataDir();
        using (var first = FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(dir.Path)))
        {
            first.Account().CreateService("shop");
        }

        using (var connection = new SqliteConnection($"Data Source={dir.Database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE snapshot SET version = 99";
            Assert.That(command.ExecuteNonQuery(), Is.EqualTo(1));
        }

        var ex = Assert.Throws<DataDirectoryException>(() => FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(dir.Path)));

        Assert.That(ex!.FilePath, Is.EqualTo(dir.Database));
        Assert.That(ex.Message, Does.Contain("export format 99").And.Contain("newer FakeServerless"));
    }
}
