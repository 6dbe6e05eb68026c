using FakeServerless.Contract.Support;

namespace FakeServerless.Contract.Live;

/// <summary>
/// A test that fails after creating a service, run only by <see cref="LiveThroughProxyTests"/> (which sets
/// <see cref="Variable"/>): that run then checks the failed test's service was deleted all the same.
/// </summary>
[Category(ContractCategories.CleanupProbe)]
public sealed class CleanupProbeTests : ContractTestBase
{
    public const string Variable = "FAKESERVERLESS_CONTRACT_CLEANUP_PROBE";

    [Test]
    public async Task Probe_FailsAfterCreatingAService_TearDownStillDeletesIt()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            Assert.Ignore($"Runs only inside {nameof(LiveThroughProxyTests)} ({Variable}=1), which checks a failed test's services are still deleted.");
        }

        var service = await CreateServiceAsync("probe");
        await CreateEnvironmentAsync(service.Sid);

        Assert.Fail($"Deliberate failure after creating {service.Sid}; TearDown must still delete it.");
    }
}
