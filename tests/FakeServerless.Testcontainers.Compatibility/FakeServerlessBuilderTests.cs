using DotNet.Testcontainers.Containers;

namespace FakeServerless.Testcontainers.Compatibility;

// Category Docker: 4.x's Build() checks that a Docker endpoint answers.
[Category("Docker")]
public sealed class FakeServerlessBuilderTests
{
    [Test]
    public void Testcontainers_Loaded_IsTheFourXRelease()
    {
        var version = typeof(DockerContainer).Assembly.GetName().Version!;

        Assert.That(version.Major, Is.EqualTo(4), "this project exists to run the module on Testcontainers 4.x");
    }

    [Test]
    public void Build_EveryOptionOnTestcontainers4_BuildsAndKeepsTheSettings()
    {
        var container = new FakeServerlessBuilder("fake-serverless:compat")
            .WithSeed(7)
            .WithCredentials("AC0123456789abcdef0123456789abcdef", "token")
            .WithControlToken("control")
            .WithDataVolume("fakeserverless-compat")
            .WithProxy()
            .WithClock(FakeServerlessClock.Virtual)
            .WithBuildCompletion(BuildCompletion.AfterPolls(2))
            .WithFunctions(FakeServerlessFunctions.Node)
            .Build();

        Assert.That(container.Image.FullName, Is.EqualTo("fake-serverless:compat"));
        Assert.That((container.AccountSid, container.AuthToken, container.ControlToken), Is.EqualTo(("AC0123456789abcdef0123456789abcdef", "token", "control")));
    }

    [Test]
    public void Build_Defaults_DefaultImageAndCredentials()
    {
        var container = new FakeServerlessBuilder().Build();

        Assert.That(container.Image.FullName, Is.EqualTo(FakeServerlessBuilder.DefaultImage));
        Assert.That(container.AccountSid, Is.EqualTo("AC00000000000000000000000000000001"));
        Assert.That(container.ControlToken, Is.Null);
        Assert.That(container.GetType().Assembly.GetReferencedAssemblies().Single(a => a.Name == "Testcontainers").Version!.Major, Is.EqualTo(3),
            "compiled against 3.10: the lowest version of the range");
    }
}
