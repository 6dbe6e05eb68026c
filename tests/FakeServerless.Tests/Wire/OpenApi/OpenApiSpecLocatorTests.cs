namespace FakeServerless.Tests.Wire.OpenApi;

[Parallelizable(ParallelScope.All)]
public sealed class OpenApiSpecLocatorTests
{
    [Test]
    public void Search_SharedFolderBesideAnAncestor_FindsTheSpec()
    {
        using var root = new TempDirectory();
        var spec = root.Write("shared/twilio-oai/twilio_serverless_v1.json");
        var start = root.Create("clone/tests/Project/bin/Debug/net10.0");

        Assert.That(OpenApiSpecLocator.Search(start), Is.EqualTo(spec));
    }

    [Test]
    public void Search_SharedFolderInsideASiblingOfAnAncestor_FindsTheSpec()
    {
        using var root = new TempDirectory();
        var spec = root.Write("steering/shared/twilio-oai/twilio_serverless_v1.json");
        var start = root.Create("clone/tests/bin");

        Assert.That(OpenApiSpecLocator.Search(start), Is.EqualTo(spec));
    }

    [Test]
    public void Search_TwilioOaiClone_FindsTheSpecUnderSpecJson()
    {
        using var root = new TempDirectory();
        var spec = root.Write("twilio-oai/spec/json/twilio_serverless_v1.json");
        var start = root.Create("clone/bin");

        Assert.That(OpenApiSpecLocator.Search(start), Is.EqualTo(spec));
    }

    [Test]
    public void HowToGetIt_Always_NamesTheVariableAndTheSource()
    {
        Assert.That(OpenApiSpecLocator.HowToGetIt, Does.Contain("FAKESERVERLESS_OPENAPI").And.Contain("github.com/twilio/twilio-oai").And.Contain("twilio_serverless_v1.json"));
    }
}
