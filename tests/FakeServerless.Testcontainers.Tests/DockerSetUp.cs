using DotNet.Testcontainers.Configurations;

using FakeServerless.Testcontainers.Tests.Support;

namespace FakeServerless.Testcontainers.Tests;

/// <summary>
/// Once per run: Docker must answer and the image must exist (build/container.sh builds it; .ci/run runs that first), else every
/// test fails saying which is missing: never a silent skip. The resource reaper (Ryuk) is off: its image comes from Docker Hub,
/// which CI cannot reach; each test disposes its containers.
/// </summary>
[SetUpFixture]
public sealed class DockerSetUp
{
    /// <summary>The image under test: <c>FAKESERVERLESS_IMAGE</c>, else the module's default (<c>fake-serverless:local</c>).</summary>
    public static string Image { get; } = Environment.GetEnvironmentVariable("FAKESERVERLESS_IMAGE") ?? FakeServerlessBuilder.DefaultImage;

    [OneTimeSetUp]
    public async Task RequireDockerAndImage()
    {
        TestcontainersSettings.ResourceReaperEnabled = false;

        var info = await DockerCli.RunAsync("info", "--format", "{{.ServerVersion}}");
        if (info.ExitCode != 0)
        {
            Assert.Fail($"These tests need a running Docker daemon; 'docker info' failed (exit {info.ExitCode}): {info.Output}\n" +
                        "Install it (as root: apt-get install -y docker.io) and start it (dockerd &), as .ci/run does.");
        }

        var image = await DockerCli.RunAsync("image", "inspect", "--format", "{{.Id}}", Image);
        if (image.ExitCode != 0)
        {
            Assert.Fail($"These tests need the image {Image}, and 'docker image inspect' says: {image.Output}\nBuild it with build/container.sh (.ci/run does).");
        }
    }
}
