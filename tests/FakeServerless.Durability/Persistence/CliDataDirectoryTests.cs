using FakeServerless.Durability.Support;

namespace FakeServerless.Durability.Persistence;

/// <summary>The standalone fake with <c>--data-dir</c>: refuses a damaged directory with exit code 3, reports durable health.</summary>
public sealed class CliDataDirectoryTests
{
    [Test]
    public async Task DataDir_GarbageDatabaseFile_Exits3NamingTheFile()
    {
        using var dir = new DataDir();
        await File.WriteAllBytesAsync(dir.Database, Enumerable.Range(0, 4096).Select(i => (byte)(i * 31)).ToArray());

        using var child = await ChildFake.StartAsync(dir.Path, snapshotEvery: 5000);

        Assert.That(child.ExitCode, Is.EqualTo(3), child.Stderr);
        Assert.That(child.Stderr, Does.Contain(dir.Database).And.Contain("not a FakeServerless data file"));
    }

    [Test]
    public async Task DataDir_Health_SaysDurableWithThePath()
    {
        using var dir = new DataDir();
        using var child = await ChildFake.StartAsync(dir.Path, snapshotEvery: 5000);
        using var http = new HttpClient();

        var health = await http.GetStringAsync(new Uri(child.Url, "/_fake/health"));

        Assert.That(health, Does.Contain("\"persistence\":{\"mode\":\"durable\",\"path\":" + System.Text.Json.JsonSerializer.Serialize(Path.GetFullPath(dir.Path)) + "}"));
    }
}
