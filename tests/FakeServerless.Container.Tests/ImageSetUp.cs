using FakeServerless.Container.Tests.Support;

namespace FakeServerless.Container.Tests;

/// <summary>
/// Once per run: a Docker daemon must answer and the image must exist, else every test fails saying why (never a silent
/// skip). The tests build and install nothing: build/test.sh starts dockerd and builds the image with build/container.sh.
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
                "Install it (as root: apt-get install -y docker.io) and start it (dockerd &); build/test.sh does both.");
        }

        var image = await Docker.TryRunAsync("image", "inspect", "--format", "{{.Id}}", Docker.Image);
        if (image.Code != 0)
        {
            Assert.Fail(
                $"The container tests need the image {Docker.Image}, and 'docker image inspect' failed (exit {image.Code}): {image.Error}\n" +
                "Build it from this checkout with build/container.sh (IMAGE=… for another tag, read here from FAKESERVERLESS_IMAGE); build/test.sh does.");
        }
    }
}
