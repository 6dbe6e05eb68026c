using FakeServerless.Functions;

namespace FakeServerless.Tests.Functions;

/// <summary>What a failed build says about npm's failure: one sentence naming the package, or saying the registry was unreachable.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class NodeCacheTests
{
    private static readonly BuildDependency[] Packages = [new("ms", "2.1.3"), new("this-package-does-not-exist", "^9.9.9")];

    [Test]
    public void Explain_NotInTheRegistry_NamesThePackage()
    {
        const string output = "npm error code E404\nnpm error 404 Not Found - GET https://registry.npmjs.org/this-package-does-not-exist - Not found\n" +
            "npm error 404  'this-package-does-not-exist@^9.9.9' is not in this registry.";

        Assert.That(NodeCache.Explain(Packages, output), Is.EqualTo(
            "npm could not resolve the dependencies (ms@2.1.3, this-package-does-not-exist@^9.9.9): 'this-package-does-not-exist' is not in the registry."));
    }

    [Test]
    public void Explain_NoRegistry_SaysTheCacheHasNoCopy()
    {
        const string output = "npm error code ENOTFOUND\nnpm error network request to https://registry.npmjs.org/ms failed, reason: getaddrinfo ENOTFOUND registry.npmjs.org";

        Assert.That(NodeCache.Explain(Packages, output), Does.StartWith("npm could not reach the package registry to install ms@2.1.3, this-package-does-not-exist@^9.9.9, and the cache has no copy"));
    }

    [Test]
    public void Explain_NoMatchingVersion_SaysSo()
    {
        Assert.That(NodeCache.Explain(Packages, "npm error code ETARGET\nnpm error notarget No matching version found for ms@^99.0.0."), Does.EndWith("no published version matches a requested range."));
    }

    [Test]
    public void Explain_AnythingElse_QuotesNpmsLastErrorLine()
    {
        Assert.That(NodeCache.Explain(Packages, "npm error code EACCES\nnpm error permission denied"), Is.EqualTo(
            "npm install of ms@2.1.3, this-package-does-not-exist@^9.9.9 failed: npm error permission denied"));
    }

    [Test]
    public void RuntimeHandlerVersionOf_NamedOrDefault()
    {
        Assert.That(NodeCache.RuntimeHandlerVersionOf([new("@twilio/runtime-handler", "1.3.0")]), Is.EqualTo("1.3.0"));
        Assert.That(NodeCache.RuntimeHandlerVersionOf(Packages), Is.EqualTo(NodeCache.DefaultRuntimeHandlerVersion));
    }
}
