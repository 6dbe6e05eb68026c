using FakeServerless.Durability.Support;
using FakeServerless.Engine;
using Microsoft.Data.Sqlite;

namespace FakeServerless.Durability.Persistence;

/// <summary>
/// Replay runs a logged request through this fake's rules, so only the FakeServerless version that logged it replays it. Writes
/// left in the log by another version (after an unclean stop) make the start refuse, naming both versions; a directory whose log
/// is empty (a clean stop: the snapshot holds everything, in the versioned export format) starts with any version.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class VersionCheckTests
{
    private const string OldVersion = "0.0.9+0123456789abcdef";

    [Test]
    public async Task Start_WritesLoggedByAnotherVersion_RefusesNamingBothVersions()
    {
        using var dir = new DataDir();
        using var first = FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(dir.Path));
        await new ServerlessClient(first.CreateHttpClient(), new Uri("https://serverless.twilio.com/")).CreateServiceAsync("shop");
        using var image = dir.CrashImage();
        image.Execute($"UPDATE meta SET value = '{OldVersion}' WHERE key = 'fake_version'");

        var ex = Assert.Throws<DataDirectoryException>(() => FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(image.Path)));

        Assert.That(ex!.Problem, Is.EqualTo(DataDirectoryProblem.OtherVersion));
        Assert.That(ex.FilePath, Is.EqualTo(image.Database));
        Assert.That(ex.Message, Does.Contain(OldVersion).And.Contain(FakeServerlessVersion.Current).And.Contain("1 write(s)"));
    }

    [Test]
    public async Task Start_CleanStopByAnotherVersion_StartsFromItsSnapshotAndLogsAsThisVersion()
    {
        using var dir = new DataDir();
        using (var first = FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(dir.Path)))
        {
            await new ServerlessClient(first.CreateHttpClient(), new Uri("https://serverless.twilio.com/")).CreateServiceAsync("shop");
        }

        dir.Execute($"UPDATE meta SET value = '{OldVersion}' WHERE key = 'fake_version'");

        using var second = FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(dir.Path));

        Assert.That(second.Snapshot().Services.Select(s => s.UniqueName), Is.EqualTo(new[] { "shop" }));
        Assert.That(WriterVersion(dir), Is.EqualTo(FakeServerlessVersion.Current));
    }

    private static string WriterVersion(DataDir dir)
    {
        using var connection = new SqliteConnection($"Data Source={dir.Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = 'fake_version'";
        return (string)command.ExecuteScalar()!;
    }
}
