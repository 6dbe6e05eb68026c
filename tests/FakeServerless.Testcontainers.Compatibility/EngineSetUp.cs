using DotNet.Testcontainers.Configurations;
using FakeServerless.Testcontainers.Tests.Support;

namespace FakeServerless.Testcontainers.Compatibility;

/// <summary>
/// Testcontainers 4.x speaks Docker API 1.44 unless <c>DOCKER_API_VERSION</c> says otherwise (read from 4.9 on): on an older
/// engine (Debian 12's docker.io answers 1.41) it is set to the engine's own version before Testcontainers reads it. Docker and
/// the image must be there (build/container.sh), else every test fails saying so. The resource reaper is off, as in the 3.10 tests.
/// </summary>
[SetUpFixture]
public sealed class EngineSetUp
{
    public static string Image { get; } = Environment.GetEnvironmentVariable("FAKESERVERLESS_IMAGE") ?? FakeServerlessBuilder.DefaultImage;

    [OneTimeSetUp]
    public async Task UseTheEnginesApiVersion()
    {
        var (code, output) = await DockerCli.RunAsync("version", "--format", "{{.Server.APIVersion}}");
        if (code != 0 || !Version.TryParse(output, out var api))
        {
            Assert.Fail($"These tests need a running Docker daemon; 'docker version' failed (exit {code}): {output}");
            return;
        }

        if (Environment.GetEnvironmentVariable("DOCKER_API_VERSION") is null && api < new Version(1, 44))
        {
            Environment.SetEnvironmentVariable("DOCKER_API_VERSION", output);
        }

        TestcontainersSettings.ResourceReaperEnabled = false; // after: the settings read DOCKER_API_VERSION once, when first touched

        var image = await DockerCli.RunAsync("image", "inspect", "--format", "{{.Id}}", Image);
        if (image.ExitCode != 0)
        {
            Assert.Fail($"These tests need the image {Image}: {image.Output}\nBuild it with build/container.sh (.ci/run does).");
        }
    }
}
