using NUnit.Framework.Api;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace FakeServerless.NUnit.Tests.Lifecycle;

/// <summary>Runs <see cref="TeardownTests"/> in a nested NUnit run, so it can look at the fixture's server after its one-time teardown.</summary>
[NonParallelizable]
public sealed class FixtureLifetimeTests
{
    [Test]
    public void StopFakeServerlessServer_AfterTheFixturesLastTest_ServerDisposed()
    {
        var runner = new NUnitTestAssemblyRunner(new DefaultTestAssemblyBuilder());
        runner.Load(typeof(TeardownTests).Assembly, new Dictionary<string, object> { ["NumberOfTestWorkers"] = 0 });

        var result = runner.Run(TestListener.NULL, TestFilter.FromXml($"<filter><class>{typeof(TeardownTests).FullName}</class></filter>"));

        Assert.That(result.PassCount, Is.EqualTo(2), result.Message);
        Assert.That(result.FailCount, Is.Zero);
        Assert.Throws<ObjectDisposedException>(() => TeardownTests.Server!.CreateScope());
    }
}
