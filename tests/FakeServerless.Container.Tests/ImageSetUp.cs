using System.Diagnostics;
using FakeServerless.Container.Tests.Support;

namespace FakeServerless.Container.Tests;

/// <summary>
/// Once per run: a Docker daemon must answer (else every test fails, saying why: never a silent skip), and the image must exist
/// (.ci/run builds it with build/container.sh before the tests; a missing one is built here the same way).
/// </summary>
[SetUpFixture]
public sealed class ImageSetUp
{
    [OneTimeSetUp]
    public async Task RequireDockerAndImage()
    {
        var info = await Docker.TryRunAsync(TimeSpan.FromSeconds(30), "info", "--format", "{{.ServerVersion}}");
        if (info.Code != 0)
        {
            Assert.Fail(
                $"The container tests need a running Docker daemon, and 'docker info' failed (exit {info.Code}): {info.Error}\n" +
                "Install it (as root: apt-get install -y docker.io) and start it (dockerd &), as .ci/run does.");
        }

        if ((await Docker.TryRunAsync("image", "inspect", Docker.Image)).Code == 0)
        {
            return;
        }

        var script = Path.Combine(RepositoryRoot(), "build", "container.sh");
        TestContext.Progress.WriteLine($"{Docker.Image} is missing: building it with {script}");
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(script);
        using var build = Process.Start(start)!;
        var output = build.StandardOutput.ReadToEndAsync();
        var error = build.StandardError.ReadToEndAsync();
        await build.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(30));
        if (build.ExitCode != 0)
        {
            Assert.Fail($"build/container.sh exited {build.ExitCode}: {await output}\n{await error}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FakeServerless.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FakeServerless.sln not found above " + TestContext.CurrentContext.TestDirectory);
    }
}
