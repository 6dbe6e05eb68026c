namespace FakeServerless.Tests.Support;

/// <summary>
/// Categories of the tests that need a program from outside the .NET SDK. Such a test fails (never skips) saying what is
/// missing; <c>build/test.sh</c> installs, starts or builds all of it, and a contributor without them leaves them out
/// with <c>dotnet test FakeServerless.sln --filter "Category!=Docker&amp;Category!=Browser&amp;Category!=RealClients&amp;Category!=Node"</c>.
/// Shared as source with the other test projects (NUnit <c>[Category]</c>; in xUnit the same names as
/// <c>[Trait("Category", …)]</c>).
/// </summary>
internal static class TestCategories
{
    /// <summary>A Docker daemon and the image <c>fake-serverless:local</c> (<c>FAKESERVERLESS_IMAGE</c>) built by build/container.sh.</summary>
    public const string Docker = "Docker";

    /// <summary>Debian's headless Chromium and its driver (<c>chromium</c>, <c>chromium-driver</c>).</summary>
    public const string Browser = "Browser";

    /// <summary>
    /// Real clients and tools run as child processes: Node.js 20+ and the npm packages in the cache, Debian's
    /// <c>python3-twilio</c>, curl, jq and openssl.
    /// </summary>
    public const string RealClients = "RealClients";

    /// <summary>Node.js functions run by the fake (reserved for the tests of running deployed functions).</summary>
    public const string Node = "Node";
}
