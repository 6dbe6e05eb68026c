using DotNet.Testcontainers.Configurations;

namespace FakeServerless.Examples.Testcontainers;

/// <summary>
/// The resource reaper (Ryuk) is a second image that Testcontainers pulls from Docker Hub; where that cannot be pulled (as on our
/// CI machines) turn it off, the same as <c>TESTCONTAINERS_RYUK_DISABLED=true</c>, and dispose every container yourself.
/// </summary>
[SetUpFixture]
public sealed class ResourceReaper
{
    [OneTimeSetUp]
    public void TurnOff() => TestcontainersSettings.ResourceReaperEnabled = false;
}
