using System.ComponentModel;
using FakeServerless.Durability.Support;
using FakeServerless.Engine;

namespace FakeServerless.Durability.Persistence;

/// <summary>
/// The standalone fake with <c>--data-dir</c>: refuses a damaged, read-only or other-version directory with exit code 3 saying
/// which, reports durable health.
/// </summary>
public sealed class CliDataDirectoryTests
{
    private const int Nobody = 65534;

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

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task DataDir_NotWritableByItsUser_Exits3SayingReadOnlyNotInUse()
    {
        using var dir = new DataDir();
        File.SetUnixFileMode(dir.Path, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        try
        {
            // Root writes through any mode bits: then the fake runs as nobody, for whom the directory is read-only as it is.
            using var child = await StartWrappedAsync(dir, Environment.IsPrivilegedProcess ? ["setpriv", $"--reuid={Nobody}", $"--regid={Nobody}", "--clear-groups", "--"] : []);

            Assert.That(child.ExitCode, Is.EqualTo(3), child.Stderr);
            Assert.That(child.Stderr, Does.Contain("is read-only").And.Contain(dir.Path).And.Not.Contain("in use"));
        }
        finally
        {
            File.SetUnixFileMode(dir.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    [Test]
    public async Task DataDir_OnAReadOnlyFileSystem_Exits3SayingReadOnlyNotInUse()
    {
        using var dir = new DataDir();

        // A read-only bind mount of the directory in a mount namespace of the fake's own (as a user namespace's root: no privilege needed).
        using var child = await StartWrappedAsync(dir, ["unshare", "--map-root-user", "--mount", "sh", "-c", "mount --bind -o ro \"$0\" \"$0\" && exec \"$@\"", dir.Path]);

        Assert.That(child.ExitCode, Is.EqualTo(3), child.Stderr);
        Assert.That(child.Stderr, Does.Contain("is read-only").And.Contain("Read-only file system").And.Not.Contain("in use"));
    }

    private static async Task<ChildFake> StartWrappedAsync(DataDir dir, IReadOnlyList<string> wrapper)
    {
        try
        {
            return await ChildFake.StartAsync(dir.Path, snapshotEvery: 5000, wrapper);
        }
        catch (Win32Exception ex)
        {
            Assert.Fail($"This test needs {wrapper[0]} (Debian's util-linux) to give the fake a read-only directory: {ex.Message}");
            throw;
        }
    }

    [Test]
    public async Task DataDir_WritesLoggedByAnotherVersion_Exits3NamingBothVersions()
    {
        using var dir = new DataDir();
        using (var first = await ChildFake.StartAsync(dir.Path, snapshotEvery: 5000))
        {
            using var http = new HttpClient();
            await new ServerlessClient(http, first.Url).CreateServiceAsync("shop");
        } // killed: the write stays in the log

        dir.Execute("UPDATE meta SET value = '0.0.9+old' WHERE key = 'fake_version'");
        using var child = await ChildFake.StartAsync(dir.Path, snapshotEvery: 5000);

        Assert.That(child.ExitCode, Is.EqualTo(3), child.Stderr);
        Assert.That(child.Stderr, Does.Contain("0.0.9+old").And.Contain(FakeServerlessVersion.Current).And.Contain(dir.Database));
    }
}
