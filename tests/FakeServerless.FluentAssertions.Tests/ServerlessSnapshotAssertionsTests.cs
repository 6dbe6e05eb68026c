using FakeServerless.FluentAssertions.Tests.Support;

namespace FakeServerless.FluentAssertions.Tests;

public static class ServerlessSnapshotAssertionsTests
{
    public sealed class HaveEnvironment : AssertionTestBase
    {
        [Test]
        public void HaveEnvironment_ByUniqueName_PassesWithWhichTheEnvironment()
        {
            // Arrange
            var service = CreateService();
            var environment = CreateEnvironment(service, "dev-environment");
            var snapshot = Fake.Snapshot();

            // Act
            var which = snapshot.Should().HaveEnvironment("dev-environment").Which;

            // Assert
            which.Sid.Should().Be(environment.Sid);
        }

        [Test]
        public void HaveEnvironment_BySidAndDomainName_Passes()
        {
            // Arrange
            var service = CreateService();
            var environment = CreateEnvironment(service, "dev-environment");
            var snapshot = Fake.Snapshot();

            // Act
            var act = () => snapshot.Should().HaveEnvironment(environment.Sid).And.HaveEnvironment(environment.DomainName);

            // Assert
            act.Should().NotThrow();
        }

        [Test]
        public void HaveEnvironment_Missing_ThrowsListingTheEnvironments()
        {
            // Arrange
            var service = CreateService();
            var dev = CreateEnvironment(service, "dev-environment");
            var stage = CreateEnvironment(service, "stage");
            var snapshot = Fake.Snapshot();

            // Act
            var act = () => snapshot.Should().HaveEnvironment("production");

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                $"Expected snapshot to have environment \"production\", but it has \"dev-environment\" ({dev.Sid}), \"stage\" ({stage.Sid}).");
        }

        [Test]
        public void HaveEnvironment_NoEnvironments_ThrowsSayingSo()
        {
            // Arrange
            var snapshot = Fake.Snapshot();

            // Act
            var act = () => snapshot.Should().HaveEnvironment("production", "the {0} pipeline deploys there", "release");

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected snapshot to have environment \"production\" because the release pipeline deploys there, but it has no environments.");
        }

        [Test]
        public void HaveEnvironment_WhichChainedToHaveLiveBuild_ThrowsForTheEnvironment()
        {
            // Arrange
            var service = CreateService();
            CreateEnvironment(service, "dev-environment");
            var build = CreateBuild(service);
            var snapshot = Fake.Snapshot();

            // Act
            var act = () => snapshot.Should().HaveEnvironment("dev-environment").Which.Should().HaveLiveBuild(build.Sid);

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                $"Expected snapshot to have build \"{build.Sid}\" live in environment \"dev-environment\", but it has no live build.");
        }
    }

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
            var snapshot = Fake.Snapshot();

            // Act
            var which = snapshot.Should().HaveLiveBuild("dev-environment", build.Sid).Which;

            // Assert
            which.Sid.Should().Be(environment.Sid);
        }

        [Test]
        public void HaveLiveBuild_OtherBuildIsLive_ThrowsListingTheDeployments()
        {
            // Arrange
            var service = CreateService();                               // 10:01
            var environment = CreateEnvironment(service, "dev-environment"); // 10:02
            var first = CreateBuild(service, "/one");                    // 10:03
            var second = CreateBuild(service, "/two");                   // 10:04
            var deployFirst = Deploy(environment, first);                // 10:05
            var deploySecond = Deploy(environment, second);              // 10:06
            var redeployFirst = Deploy(environment, first);              // 10:07
            var snapshot = Fake.Snapshot();

            // Act
            var act = () => snapshot.Should().HaveLiveBuild("dev-environment", second.Sid);

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                $"Expected snapshot to have build \"{second.Sid}\" live in environment \"dev-environment\", but build \"{first.Sid}\" is live." +
                " Its deployments, newest first:" + Environment.NewLine +
                $"  {redeployFirst.Sid} -> {first.Sid} at 2026-01-01T10:07:00Z" + Environment.NewLine +
                $"  {deploySecond.Sid} -> {second.Sid} at 2026-01-01T10:06:00Z" + Environment.NewLine +
                $"  {deployFirst.Sid} -> {first.Sid} at 2026-01-01T10:05:00Z");
        }

        [Test]
        public void HaveLiveBuild_UnknownEnvironment_ThrowsListingTheEnvironments()
        {
            // Arrange
            var service = CreateService();
            var environment = CreateEnvironment(service, "dev-environment");
            var snapshot = Fake.Snapshot();

            // Act
            var act = () => snapshot.Should().HaveLiveBuild("prod", "ZB00000000000000000000000000000000");

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                $"Expected snapshot to have build \"ZB00000000000000000000000000000000\" live in environment \"prod\", but it has \"dev-environment\" ({environment.Sid}).");
        }
    }

    public sealed class HaveClearedEnvironment : AssertionTestBase
    {
        [Test]
        public void HaveClearedEnvironment_ClearedAfterADeployment_Passes()
        {
            // Arrange
            var service = CreateService();
            var environment = CreateEnvironment(service, "dev-environment");
            Deploy(environment, CreateBuild(service));
            Clear(environment);
            var snapshot = Fake.Snapshot();

            // Act
            var which = snapshot.Should().HaveClearedEnvironment("dev-environment").Which;

            // Assert
            which.BuildSid.Should().BeNull();
        }

        [Test]
        public void HaveClearedEnvironment_BuildStillLive_ThrowsListingTheDeployments()
        {
            // Arrange
            var service = CreateService();                               // 10:01
            var environment = CreateEnvironment(service, "dev-environment"); // 10:02
            var first = CreateBuild(service, "/one");                    // 10:03
            var second = CreateBuild(service, "/two");                   // 10:04
            Deploy(environment, first);                                  // 10:05
            var clearing = Clear(environment);                           // 10:06
            var deployment = Deploy(environment, second);                // 10:07
            var snapshot = Fake.Snapshot();

            // Act
            var act = () => snapshot.Should().HaveClearedEnvironment(environment.Sid);

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                $"Expected snapshot to have cleared environment \"{environment.Sid}\", but build \"{second.Sid}\" is live." +
                " Its deployments, newest first:" + Environment.NewLine +
                $"  {deployment.Sid} -> {second.Sid} at 2026-01-01T10:07:00Z" + Environment.NewLine +
                $"  {clearing.Sid} -> <cleared> at 2026-01-01T10:06:00Z");
        }

        [Test]
        public void HaveClearedEnvironment_NeverDeployed_ThrowsSayingSo()
        {
            // Arrange
            var service = CreateService();
            CreateEnvironment(service, "dev-environment");
            var snapshot = Fake.Snapshot();

            // Act
            var act = () => snapshot.Should().HaveClearedEnvironment("dev-environment", "the teardown step clears it");

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected snapshot to have cleared environment \"dev-environment\" because the teardown step clears it, but it was never deployed to." +
                " It has no deployments.");
        }
    }

    public sealed class HaveDeployment : AssertionTestBase
    {
        [Test]
        public void HaveDeployment_Exists_PassesWithWhichTheDeployment()
        {
            // Arrange
            var service = CreateService();
            var environment = CreateEnvironment(service, "dev-environment");
            var build = CreateBuild(service);
            var deployment = Deploy(environment, build);
            var snapshot = Fake.Snapshot();

            // Act
            var which = snapshot.Should().HaveDeployment(deployment.Sid).Which;

            // Assert
            which.BuildSid.Should().Be(build.Sid);
        }

        [Test]
        public void HaveDeployment_Missing_ThrowsListingEveryDeployment()
        {
            // Arrange
            var service = CreateService();                               // 10:01
            var dev = CreateEnvironment(service, "dev-environment");     // 10:02
            var stage = CreateEnvironment(service, "stage");             // 10:03
            var build = CreateBuild(service);                            // 10:04
            var toDev = Deploy(dev, build);                              // 10:05
            var toStage = Deploy(stage, build);                          // 10:06
            var snapshot = Fake.Snapshot();

            // Act
            var act = () => snapshot.Should().HaveDeployment("ZD00000000000000000000000000000000");

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected snapshot to have deployment \"ZD00000000000000000000000000000000\", but it has no deployment with that SID." +
                " Deployments, newest first:" + Environment.NewLine +
                $"  {toStage.Sid} -> {build.Sid} in stage at 2026-01-01T10:06:00Z" + Environment.NewLine +
                $"  {toDev.Sid} -> {build.Sid} in dev-environment at 2026-01-01T10:05:00Z");
        }

        [Test]
        public void HaveDeployment_NoDeployments_ThrowsSayingSo()
        {
            // Arrange
            var snapshot = Fake.Snapshot();

            // Act
            var act = () => snapshot.Should().HaveDeployment("ZD00000000000000000000000000000000");

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected snapshot to have deployment \"ZD00000000000000000000000000000000\", but it has no deployment with that SID. There are no deployments.");
        }
    }

    public sealed class HaveDeployed : AssertionTestBase
    {
        [Test]
        public void HaveDeployed_BuildDeployedTwice_PassesWithWhichTheNewestDeployment()
        {
            // Arrange
            var service = CreateService();
            var environment = CreateEnvironment(service, "dev-environment");
            var first = CreateBuild(service, "/one");
            var second = CreateBuild(service, "/two");
            Deploy(environment, first);
            Deploy(environment, second);
            var newest = Deploy(environment, first);
            var snapshot = Fake.Snapshot();

            // Act
            var which = snapshot.Should().HaveDeployed(first.Sid, toEnvironment: "dev-environment").Which;

            // Assert
            which.Sid.Should().Be(newest.Sid);
        }

        [Test]
        public void HaveDeployed_BuildDeployedElsewhere_ThrowsListingTheEnvironmentsDeployments()
        {
            // Arrange
            var service = CreateService();                               // 10:01
            var dev = CreateEnvironment(service, "dev-environment");     // 10:02
            var stage = CreateEnvironment(service, "stage");             // 10:03
            var first = CreateBuild(service, "/one");                    // 10:04
            var second = CreateBuild(service, "/two");                   // 10:05
            var toStage = Deploy(stage, first);                          // 10:06
            Deploy(dev, second);                                         // 10:07
            var snapshot = Fake.Snapshot();

            // Act
            var act = () => snapshot.Should().HaveDeployed(second.Sid, toEnvironment: "stage");

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                $"Expected snapshot to have deployed build \"{second.Sid}\" to environment \"stage\", but it has no deployment of that build." +
                " Its deployments, newest first:" + Environment.NewLine +
                $"  {toStage.Sid} -> {first.Sid} at 2026-01-01T10:06:00Z");
        }
    }

    public sealed class HaveDeploymentsIn : AssertionTestBase
    {
        [Test]
        public void HaveDeploymentsIn_RightCount_Passes()
        {
            // Arrange
            var service = CreateService();
            var environment = CreateEnvironment(service, "dev-environment");
            Deploy(environment, CreateBuild(service, "/one"));
            Deploy(environment, CreateBuild(service, "/two"));
            var snapshot = Fake.Snapshot();

            // Act
            var act = () => snapshot.Should().HaveDeploymentsIn("dev-environment", 2);

            // Assert
            act.Should().NotThrow();
        }

        [Test]
        public void HaveDeploymentsIn_WrongCount_ThrowsListingTheDeployments()
        {
            // Arrange
            var service = CreateService();                               // 10:01
            var environment = CreateEnvironment(service, "dev-environment"); // 10:02
            var build = CreateBuild(service);                            // 10:03
            var deployment = Deploy(environment, build);                 // 10:04
            var snapshot = Fake.Snapshot();

            // Act
            var act = () => snapshot.Should().HaveDeploymentsIn("dev-environment", 2, "we deployed {0} times", 2);

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected snapshot to have 2 deployment(s) in environment \"dev-environment\" because we deployed 2 times, but found 1." +
                " Its deployments, newest first:" + Environment.NewLine +
                $"  {deployment.Sid} -> {build.Sid} at 2026-01-01T10:04:00Z");
        }
    }
}
