using System.Reflection;
using FakeServerless.Contract.Target;
using FakeServerless.Proxy;

namespace FakeServerless.Contract.Live;

/// <summary>
/// Proves the live code path: this suite, unchanged, runs as a child <c>dotnet test</c> with the live variables set to a
/// second fake's account, <c>HTTPS_PROXY</c> at that fake's intercepting proxy and <c>SSL_CERT_FILE</c> at its CA (the
/// only root the child trusts, so nothing can reach real Twilio). Every non-fake-only test must pass, the fake-only ones
/// must be ignored, the cleanup probe must be the only failure, and nothing the child created may be left behind.
/// </summary>
[Category(ContractCategories.ThroughProxy)]
public sealed class LiveThroughProxyTests
{
    [Test]
    [Platform(Include = "Linux", Reason = "SSL_CERT_FILE is how .NET on Linux (OpenSSL) is told which roots to trust.")]
    public async Task ContractSuite_AsLiveTargetThroughAFakesProxy_PassesUnchanged()
    {
        if (LiveSettings.IsConfigured)
        {
            Assert.Ignore("The suite is already running against a live target; this test runs it live against a proxied fake.");
        }

        var caDirectory = Directory.CreateTempSubdirectory("fsct-ca-");
        try
        {
            using var fake = FakeServerlessServer.Start(o =>
            {
                o.UseProxy(0, caDirectory.FullName);
                o.JournalCapacity = 100_000; // every request of the child run, for the checks below
            });

            var run = await ChildTestRun.RunAsync(
                $"TestCategory!={ContractCategories.ThroughProxy}",
                new Dictionary<string, string>
                {
                    [LiveSettings.AccountSidVariable] = fake.AccountSid,
                    [LiveSettings.AuthTokenVariable] = fake.AuthToken,
                    ["HTTPS_PROXY"] = fake.ProxyUrl!.ToString(),
                    ["SSL_CERT_FILE"] = fake.CertificateAuthorityPath!,
                    [CleanupProbeTests.Variable] = "1",
                },
                TimeSpan.FromMinutes(10));

            var (expectedRun, expectedIgnored) = CountTests();
            TestContext.Out.WriteLine($"Live target through the proxy: {run.Counter("passed")} passed, {run.Counter("failed")} failed (the cleanup probe), {run.Tests("NotExecuted").Count} fake-only ignored.");
            using (Assert.EnterMultipleScope())
            {
                Assert.That(run.Tests("Failed"), Is.EqualTo(new[] { nameof(CleanupProbeTests.Probe_FailsAfterCreatingAService_TearDownStillDeletesIt) }), run.Output);
                Assert.That(run.Counter("passed"), Is.EqualTo(expectedRun), run.Output);
                Assert.That(run.Tests("NotExecuted"), Has.Count.EqualTo(expectedIgnored), run.Output);
            }

            var journal = fake.Journal.Entries;
            Assert.That(journal.Select(e => e.Transport).Distinct(), Is.EqualTo(new[] { "proxy" }), "every request came through the proxy");
            Assert.That(journal.Select(e => e.Host).Distinct(), Is.SupersetOf(new[] { "serverless.twilio.com", "serverless-upload.twilio.com" }));
            Assert.That(fake.Journal.OfOperation("CreateService").Count(e => e.StatusCode == 201), Is.EqualTo(fake.Journal.OfOperation("DeleteService").Count(e => e.StatusCode == 204)));
            Assert.That(fake.Snapshot().Services, Is.Empty, "the cleanup registry deleted every service the live run created, the failed probe's too");
        }
        finally
        {
            caDirectory.Delete(recursive: true);
        }
    }

    /// <summary>Tests of this assembly the child must pass (all but this category and the probe) and the fake-only ones it ignores.</summary>
    private static (int Run, int Ignored) CountTests()
    {
        var run = 0;
        var ignored = 0;
        foreach (var type in typeof(LiveThroughProxyTests).Assembly.GetTypes().Where(t => t.IsClass && !t.IsAbstract))
        {
            // A fixture with [TestFixture(…)] arguments (CodeContractTests: one per kind of code) runs each test once per attribute.
            var fixtures = Math.Max(1, type.GetCustomAttributes<TestFixtureAttribute>().Count());
            foreach (var method in type.GetMethods())
            {
                var cases = method.GetCustomAttributes<TestCaseAttribute>().Count();
                var count = fixtures * (cases > 0 ? cases : method.IsDefined(typeof(TestAttribute)) ? 1 : 0);
                var categories = method.GetCustomAttributes<CategoryAttribute>().Concat(method.DeclaringType!.GetCustomAttributes<CategoryAttribute>()).Select(c => c.Name).ToList();
                if (count == 0 || categories.Contains(ContractCategories.ThroughProxy) || categories.Contains(ContractCategories.CleanupProbe))
                {
                    continue;
                }

                if (categories.Contains(ContractCategories.FakeOnly))
                {
                    ignored += count;
                }
                else
                {
                    run += count;
                }
            }
        }

        return (run, ignored);
    }
}
