using FakeServerless.FluentAssertions.Tests.Support;

namespace FakeServerless.FluentAssertions.Tests;

public static class EnvironmentRecordAssertionsTests
{
    public sealed class HaveLiveBuild : AssertionTestBase
    {
        [Test]
        public void HaveLiveBuild_BuildIsLive_Passes()
        {
            // Arrange
            var service = CreateService();
            var environment = CreateEnvironment(service, "dev-environment");
            var build = CreateBuild(service);
            Deploy(environment, build);

            // Act
            var live = Fake.Snapshot().Environment("dev-environment")!;

            // Assert
            live.Should().HaveLiveBuild(build.Sid).And.NotBeNull();
        }

        [Test]
        public void HaveLiveBuild_NothingDeployed_ThrowsSayingNoBuildIsLive()
        {
            // Arrange
            var service = CreateService();
            var environment = CreateEnvironment(service, "dev-environment");

            // Act
            var act = () => environment.Should().HaveLiveBuild("ZB00000000000000000000000000000000");

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected environment to have build \"ZB00000000000000000000000000000000\" live in environment \"dev-environment\", but it has no live build.");
        }

        [Test]
        public void HaveLiveBuild_OtherBuildIsLive_ThrowsNamingTheLiveBuild()
        {
            // Arrange
            var service = CreateService();
            var environment = CreateEnvironment(service, "dev-environment");
            var first = CreateBuild(service, "/one");
            var second = CreateBuild(service, "/two");
            Deploy(environment, first);
            var live = Fake.Snapshot().Environment(environment.Sid)!;

            // Act
            var act = () => live.Should().HaveLiveBuild(second.Sid, "the release pipeline deployed {0}", "v2");

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                $"Expected live to have build \"{second.Sid}\" live in environment \"dev-environment\" because the release pipeline deployed v2, but build \"{first.Sid}\" is live.");
        }
    }

    public sealed class HaveNoLiveBuild : AssertionTestBase
    {
        [Test]
        public void HaveNoLiveBuild_Cleared_Passes()
        {
            // Arrange
            var service = CreateService();
            var environment = CreateEnvironment(service, "dev-environment");
            Deploy(environment, CreateBuild(service));
            Clear(environment);

            // Act
            var cleared = Fake.Snapshot().Environment("dev-environment")!;

            // Assert
            cleared.Should().HaveNoLiveBuild();
        }

        [Test]
        public void HaveNoLiveBuild_BuildIsLive_ThrowsNamingTheLiveBuild()
        {
            // Arrange
            var service = CreateService();
            var environment = CreateEnvironment(service, "dev-environment");
            var build = CreateBuild(service);
            Deploy(environment, build);
            var live = Fake.Snapshot().Environment("dev-environment")!;

            // Act
            var act = () => live.Should().HaveNoLiveBuild("we cleared it");

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                $"Expected live to have no build live in environment \"dev-environment\" because we cleared it, but build \"{build.Sid}\" is live.");
        }

        [Test]
        public void HaveNoLiveBuild_NullEnvironment_ThrowsSayingNull()
        {
            // Arrange: the lookup answers null, as a finder does for an unknown name
            var missing = Fake.Snapshot().Environment("dev-environment")!;

            // Act
            var act = () => missing.Should().HaveNoLiveBuild();

            // Assert
            act.Should().Throw<AssertionException>().WithMessage("Expected missing to have no build live, but found <null>.");
        }
    }
}
