using System.Text;

namespace FakeServerless.Clients.Tests.Support;

/// <summary>What every client's flow must leave in the fake, read from its snapshot and journal.</summary>
internal static class DeployedState
{
    /// <summary>
    /// The service <paramref name="serviceName"/> holds one build of the project (every function and asset of it, or only
    /// functions/hello.js at /hello and assets/index.html at /index.html, uploaded once each), deployed to its one environment and then, when
    /// <paramref name="cleared"/>, cleared (a deployment without a build, which leaves the environment serving nothing and,
    /// in the fake, only that deployment listed); the environment has GREETING=Hello; every request came through the proxy
    /// and none failed.
    /// </summary>
    /// <param name="fake">The fake.</param>
    /// <param name="serviceName">The service the client deployed.</param>
    /// <param name="cleared">Whether the client cleared the environment after.</param>
    /// <param name="accountSid">The account it acted on (default the fake's).</param>
    /// <param name="wholeProject">Whether the client deploys every file of the project (the deploy tools) or only hello.js and index.html (the Python example).</param>
    public static void AssertDeployed(FakeServerlessServer fake, string serviceName, bool cleared, string? accountSid = null, bool wholeProject = true)
    {
        var functions = wholeProject ? FunctionsProject.Functions : [("/hello", Visibility.Public, FunctionsProject.HelloSource)];
        var assets = wholeProject ? FunctionsProject.Assets : [("/index.html", Visibility.Public)];
        var snapshot = fake.Snapshot(accountSid);
        var service = snapshot.Service(serviceName);
        Assert.That(service, Is.Not.Null, $"no service {serviceName}; the journal:\n{string.Join('\n', fake.Journal.Entries)}");
        var environment = snapshot.Environments.Single(e => e.ServiceSid == service!.Sid);
        var deployments = snapshot.DeploymentsOf(environment.Sid);
        var build = snapshot.Builds.Single(b => b.ServiceSid == service!.Sid);
        Assert.Multiple(() =>
        {
            Assert.That(fake.Journal.Failed, Is.Empty, "failed requests");
            Assert.That(fake.Journal.Entries.Select(e => e.Transport).Distinct(), Is.EqualTo(new[] { "proxy" }));
            Assert.That(fake.Journal.OfOperation("CreateFunctionVersion"), Has.Count.EqualTo(functions.Count));
            Assert.That(fake.Journal.OfOperation("CreateAssetVersion"), Has.Count.EqualTo(assets.Count));
            Assert.That(build.Status, Is.EqualTo(BuildStatus.Completed));
            Assert.That(build.FunctionVersions.Select(v => (v.Path, v.Visibility, v.Content)).OrderBy(v => v.Path, StringComparer.Ordinal), Is.EqualTo(functions));
            Assert.That(build.AssetVersions.Select(v => (v.Path, v.Visibility)).OrderBy(v => v.Path, StringComparer.Ordinal), Is.EqualTo(assets));
            Assert.That(Encoding.UTF8.GetString(build.AssetVersions.Single(a => a.Path == "/index.html").Content.Span), Does.Contain("functions-project"));
            Assert.That(snapshot.VariablesOf(environment.Sid), Is.EqualTo(new Dictionary<string, string> { ["GREETING"] = "Hello" }));
            Assert.That(deployments.Select(d => d.BuildSid), Is.EqualTo(cleared ? new string?[] { null } : new[] { build.Sid }));
            Assert.That(fake.Journal.OfOperation("CreateDeployment").Select(e => e.Parameter("BuildSid")), Is.EqualTo(cleared ? new[] { build.Sid, null } : new[] { build.Sid }), "deployed, then cleared");
            Assert.That(environment.BuildSid, Is.EqualTo(cleared ? null : build.Sid));
        });
    }
}
