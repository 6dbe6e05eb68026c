using FakeServerless.FluentAssertions.Tests.Support;
using FluentAssertions.Execution;

namespace FakeServerless.FluentAssertions.Tests;

/// <summary>The fake-level shortcuts: the same checks as the snapshot and journal assertions, naming the fake.</summary>
public static class FakeServerlessServerAssertionsTests
{
    private const string Listing = " Requests received, oldest first:";

    public sealed class HaveEnvironment : AssertionTestBase
    {
        [Test]
        public void HaveEnvironment_Exists_PassesWithWhichTheEnvironment()
        {
            // Arrange
            var service = CreateService();
            var environment = CreateEnvironment(service, "dev-environment");
            var fake = Fake;

            // Act
            var which = fake.Should().HaveEnvironment("dev-environment").Which;

            // Assert
            which.Sid.Should().Be(environment.Sid);
        }

        [Test]
        public void HaveEnvironment_Missing_ThrowsListingTheEnvironments()
        {
            // Arrange
            var service = CreateService();
            var environment = CreateEnvironment(service, "dev-environment");
            var fake = Fake;

            // Act
            var act = () => fake.Should().HaveEnvironment("production");

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                $"Expected fake to have environment \"production\", but it has \"dev-environment\" ({environment.Sid}).");
        }
    }

    public sealed class HaveLiveBuild : AssertionTestBase
    {
        [Test]
        public void HaveLiveBuild_BuildIsLive_PassesWithWhichTheEnvironment()
        {
            // Arrange
            var service = CreateService();
            var environment = CreateEnvironment(service, "dev-environment");
            var build = CreateBuild(service);
            Deploy(environment, build);
            var fake = Fake;

            // Act
            var which = fake.Should().HaveLiveBuild("dev-environment", build.Sid).Which;

            // Assert
            which.Should().HaveLiveBuild(build.Sid);
            which.DomainName.Should().Be(environment.DomainName);
        }

        [Test]
        public void HaveLiveBuild_ReadsTheCurrentState_PassesAfterALaterDeploy()
        {
            // Arrange
            var service = CreateService();
            var environment = CreateEnvironment(service, "dev-environment");
            var first = CreateBuild(service, "/one");
            var second = CreateBuild(service, "/two");
            Deploy(environment, first);
            var fake = Fake;
            fake.Should().HaveLiveBuild(environment.Sid, first.Sid);

            // Act
            Deploy(environment, second);

            // Assert
            fake.Should().HaveLiveBuild(environment.Sid, second.Sid);
        }

        [Test]
        public void HaveLiveBuild_ClearedEnvironment_ThrowsListingTheDeployments()
        {
            // Arrange
            var service = CreateService();                               // 10:01
            var environment = CreateEnvironment(service, "dev-environment"); // 10:02
            var build = CreateBuild(service);                            // 10:03
            Deploy(environment, build);                                  // 10:04
            var clearing = Clear(environment);                           // 10:05
            var fake = Fake;

            // Act
            var act = () => fake.Should().HaveLiveBuild("dev-environment", build.Sid, "the smoke test runs against {0}", "dev");

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                $"Expected fake to have build \"{build.Sid}\" live in environment \"dev-environment\" because the smoke test runs against dev, but it has no live build." +
                " Its deployments, newest first:" + Environment.NewLine +
                $"  {clearing.Sid} -> <cleared> at 2026-01-01T10:05:00Z");
        }
    }

    public sealed class HaveClearedEnvironment : AssertionTestBase
    {
        [Test]
        public void HaveClearedEnvironment_Cleared_Passes()
        {
            // Arrange
            var service = CreateService();
            var environment = CreateEnvironment(service, "dev-environment");
            Deploy(environment, CreateBuild(service));
            Clear(environment);
            var fake = Fake;

            // Act
            var act = () => fake.Should().HaveClearedEnvironment(environment.Sid).Which.Should().HaveNoLiveBuild();

            // Assert
            act.Should().NotThrow();
        }

        [Test]
        public void HaveClearedEnvironment_BuildLive_ThrowsListingTheDeployments()
        {
            // Arrange
            var service = CreateService();                               // 10:01
            var environment = CreateEnvironment(service, "dev-environment"); // 10:02
            var first = CreateBuild(service, "/one");                    // 10:03
            var second = CreateBuild(service, "/two");                   // 10:04
            var deployFirst = Deploy(environment, first);                // 10:05
            var deploySecond = Deploy(environment, second);              // 10:06
            var fake = Fake;

            // Act
            var act = () => fake.Should().HaveClearedEnvironment("dev-environment");

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                $"Expected fake to have cleared environment \"dev-environment\", but build \"{second.Sid}\" is live." +
                " Its deployments, newest first:" + Environment.NewLine +
                $"  {deploySecond.Sid} -> {second.Sid} at 2026-01-01T10:06:00Z" + Environment.NewLine +
                $"  {deployFirst.Sid} -> {first.Sid} at 2026-01-01T10:05:00Z");
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
            var fake = Fake;

            // Act
            var which = fake.Should().HaveDeployment(deployment.Sid).Which;

            // Assert
            which.Should().Be(deployment);
        }

        [Test]
        public void HaveDeployment_DeletedByClearing_ThrowsListingTheRemainingDeployments()
        {
            // Arrange
            var service = CreateService();                               // 10:01
            var environment = CreateEnvironment(service, "dev-environment"); // 10:02
            var deployment = Deploy(environment, CreateBuild(service));  // 10:03, 10:04
            var clearing = Clear(environment);                           // 10:05
            var fake = Fake;

            // Act
            var act = () => fake.Should().HaveDeployment(deployment.Sid);

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                $"Expected fake to have deployment \"{deployment.Sid}\", but it has no deployment with that SID." +
                " Deployments, newest first:" + Environment.NewLine +
                $"  {clearing.Sid} -> <cleared> in dev-environment at 2026-01-01T10:05:00Z");
        }
    }

    public sealed class HaveDeployed : AssertionTestBase
    {
        [Test]
        public void HaveDeployed_Deployed_PassesWithWhichTheDeployment()
        {
            // Arrange
            var service = CreateService();
            var environment = CreateEnvironment(service, "dev-environment");
            var build = CreateBuild(service);
            var deployment = Deploy(environment, build);
            var fake = Fake;

            // Act
            var which = fake.Should().HaveDeployed(build.Sid, toEnvironment: environment.DomainName).Which;

            // Assert
            which.Sid.Should().Be(deployment.Sid);
        }

        [Test]
        public void HaveDeployed_NotDeployed_ThrowsListingTheDeployments()
        {
            // Arrange
            var service = CreateService();
            CreateEnvironment(service, "dev-environment");
            var build = CreateBuild(service);
            var fake = Fake;

            // Act
            var act = () => fake.Should().HaveDeployed(build.Sid, toEnvironment: "dev-environment");

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                $"Expected fake to have deployed build \"{build.Sid}\" to environment \"dev-environment\", but it has no deployment of that build. It has no deployments.");
        }
    }

    public sealed class HaveDeploymentsIn : AssertionTestBase
    {
        [Test]
        public void HaveDeploymentsIn_ClearedEnvironment_CountsOnlyTheClearingDeployment()
        {
            // Arrange
            var service = CreateService();
            var environment = CreateEnvironment(service, "dev-environment");
            Deploy(environment, CreateBuild(service, "/one"));
            Deploy(environment, CreateBuild(service, "/two"));
            Clear(environment);
            var fake = Fake;

            // Act
            var act = () => fake.Should().HaveDeploymentsIn("dev-environment", 1);

            // Assert
            act.Should().NotThrow();
        }

        [Test]
        public void HaveDeploymentsIn_WrongCount_ThrowsListingTheDeployments()
        {
            // Arrange
            var service = CreateService();
            CreateEnvironment(service, "dev-environment");
            var fake = Fake;

            // Act
            var act = () => fake.Should().HaveDeploymentsIn("dev-environment", 1);

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected fake to have 1 deployment(s) in environment \"dev-environment\", but found 0. It has no deployments.");
        }
    }

    public sealed class HaveReceived : AssertionTestBase
    {
        [Test]
        public async Task HaveReceived_EveryOverload_Passes()
        {
            // Arrange
            var deploy = await DeployOverHttpAsync();
            var fake = Fake;

            // Act
            var act = () => fake.Should()
                .HaveReceived("CreateBuild")
                .And.HaveReceived("CreateDeployment", times: 1)
                .And.HaveReceived("CreateDeployment", withParameters: new { BuildSid = deploy.BuildSid })
                .And.HaveReceived("CreateDeployment", new Dictionary<string, object?> { ["BuildSid"] = deploy.BuildSid }, times: 1)
                .And.HaveReceived("FetchBuildStatus", e => e.Path.EndsWith("/Status", StringComparison.Ordinal));

            // Assert
            act.Should().NotThrow();
        }

        [Test]
        public async Task HaveReceived_WhichIsTheEntry_ExposesItsParameters()
        {
            // Arrange
            var deploy = await DeployOverHttpAsync();
            var fake = Fake;

            // Act
            var entry = fake.Should().HaveReceived("CreateBuild").Which;

            // Assert
            entry.Parameter("FunctionVersions").Should().Be(deploy.VersionSid);
        }

        [Test]
        public async Task HaveReceived_WrongParameter_ThrowsListingTheJournal()
        {
            // Arrange
            var deploy = await DeployOverHttpAsync();
            var fake = Fake;

            // Act
            var act = () => fake.Should().HaveReceived("CreateDeployment", withParameters: new { BuildSid = deploy.BuildSid, IsPlugin = true }, "plugins deploy with {0}", "IsPlugin");

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                $"Expected fake to have received \"CreateDeployment\" with BuildSid=\"{deploy.BuildSid}\", IsPlugin=\"true\" because plugins deploy with IsPlugin," +
                " but its only such request did not match." + Listing + deploy.Lines(withParameters: true));
        }

        [Test]
        public async Task HaveReceived_WrongTimes_ThrowsWithTheCount()
        {
            // Arrange
            var deploy = await DeployOverHttpAsync();
            var fake = Fake;

            // Act
            var act = () => fake.Should().HaveReceived("CreateDeployment", times: 2);

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected fake to have received \"CreateDeployment\" exactly 2 times, but found 1." + Listing + deploy.Lines());
        }
    }

    public sealed class HaveReceivedBecause : AssertionTestBase
    {
        [Test]
        public void HaveReceived_StringSecondArgument_IsTheReasonNotParameters()
        {
            // Arrange
            var fake = Fake;

            // Act
            var act = () => fake.Should().HaveReceived("CreateDeployment", "the {0} step deploys", "release");

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected fake to have received \"CreateDeployment\" because the release step deploys, but it received no such request. It received no requests.");
        }
    }

    public sealed class NullFake
    {
        [Test]
        public void HaveLiveBuild_NullFake_ThrowsSayingNull()
        {
            // Arrange
            FakeServerlessServer fake = null!;

            // Act
            var act = () => fake.Should().HaveLiveBuild("dev-environment", "ZB00000000000000000000000000000000");

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected fake to have build \"ZB00000000000000000000000000000000\" live in environment \"dev-environment\", but found <null>.");
        }

        [Test]
        public void HaveNoFailedRequests_NullFake_ThrowsSayingNull()
        {
            // Arrange
            FakeServerlessServer fake = null!;

            // Act
            var act = () => fake.Should().HaveNoFailedRequests();

            // Assert
            act.Should().Throw<AssertionException>().WithMessage("Expected fake to have no failed requests, but found <null>.");
        }
    }

    public sealed class NotHaveReceived : AssertionTestBase
    {
        [Test]
        public async Task NotHaveReceived_Absent_Passes()
        {
            // Arrange
            await DeployOverHttpAsync();
            var fake = Fake;

            // Act
            var act = () => fake.Should().NotHaveReceived("DeleteEnvironment");

            // Assert
            act.Should().NotThrow();
        }

        [Test]
        public void NotHaveReceived_MisspelledOperation_ThrowsArgumentExceptionNamingTheClosestId()
        {
            // Arrange
            var fake = Fake;

            // Act
            var act = () => fake.Should().NotHaveReceived("DeleteEnviroment");

            // Assert
            act.Should().Throw<ArgumentException>().WithMessage(
                "Unknown operation 'DeleteEnviroment'. Did you mean 'DeleteEnvironment'? Valid ids are listed in ServerlessOperation.*");
        }

        [Test]
        public async Task NotHaveReceived_Received_ThrowsListingTheJournal()
        {
            // Arrange
            var deploy = await DeployOverHttpAsync();
            var fake = Fake;

            // Act
            var act = () => fake.Should().NotHaveReceived("CreateDeployment");

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected fake not to have received \"CreateDeployment\", but found 1." + Listing + deploy.Lines());
        }
    }

    public sealed class HaveReceivedInOrder : AssertionTestBase
    {
        [Test]
        public async Task HaveReceivedInOrder_InOrder_Passes()
        {
            // Arrange
            await DeployOverHttpAsync();
            var fake = Fake;

            // Act
            var act = () => fake.Should().HaveReceivedInOrder("CreateBuild", "FetchBuildStatus", "CreateDeployment");

            // Assert
            act.Should().NotThrow();
        }

        [Test]
        public async Task HaveReceivedInOrder_DeployedBeforeBuilding_ThrowsNamingTheBrokenStep()
        {
            // Arrange
            var deploy = await DeployOverHttpAsync();
            var fake = Fake;

            // Act
            var act = () => fake.Should().HaveReceivedInOrder(["CreateDeployment", "CreateBuild"], "a build must exist before it is deployed");

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected fake to have received \"CreateDeployment\", \"CreateBuild\" in that order because a build must exist before it is deployed," +
                " but no \"CreateBuild\" followed \"CreateDeployment\"." + Listing + deploy.Lines());
        }
    }

    public sealed class HaveNoUnmatchedRequests : AssertionTestBase
    {
        [Test]
        public async Task HaveNoUnmatchedRequests_AllMatched_Passes()
        {
            // Arrange
            await DeployOverHttpAsync();
            var fake = Fake;

            // Act
            var act = () => fake.Should().HaveNoUnmatchedRequests();

            // Assert
            act.Should().NotThrow();
        }

        [Test]
        public async Task HaveNoUnmatchedRequests_Unmatched_ThrowsListingThem()
        {
            // Arrange
            (await GetAsync("/v2/Services")).Dispose();
            (await SendAsync(HttpMethod.Delete, "/v1/Services")).Dispose();
            var fake = Fake;

            // Act
            var act = () => fake.Should().HaveNoUnmatchedRequests();

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected fake to have no unmatched requests, but found 2:" + Environment.NewLine +
                "  GET /v2/Services -> 404 (20404) [Unmatched]" + Environment.NewLine +
                "  DELETE /v1/Services -> 405 (20004) [Unmatched]");
        }
    }

    public sealed class HaveNoFailedRequests : AssertionTestBase
    {
        [Test]
        public async Task HaveNoFailedRequests_AllSucceeded_Passes()
        {
            // Arrange
            await DeployOverHttpAsync();
            var fake = Fake;

            // Act
            var act = () => fake.Should().HaveNoFailedRequests();

            // Assert
            act.Should().NotThrow();
        }

        [Test]
        public async Task HaveNoFailedRequests_UnknownBuild_ThrowsListingIt()
        {
            // Arrange
            var service = CreateService();
            var environment = CreateEnvironment(service, "dev-environment");
            var path = $"/v1/Services/{service.Sid}/Environments/{environment.Sid}/Deployments";
            (await PostAsync(path, ("BuildSid", "ZB00000000000000000000000000000000"))).Dispose();
            var fake = Fake;

            // Act
            var act = () => fake.Should().HaveNoFailedRequests();

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected fake to have no failed requests, but found 1:" + Environment.NewLine +
                $"  POST {path} -> 404 (20404) [CreateDeployment]");
        }
    }

    public sealed class InAssertionScope : AssertionTestBase
    {
        [Test]
        public void AssertionScope_SeveralFailures_ReportsEachWithoutThrowingEarly()
        {
            // Arrange
            var service = CreateService();
            var environment = CreateEnvironment(service, "dev-environment");
            var fake = Fake;

            // Act
            var act = () =>
            {
                using var scope = new AssertionScope();
                fake.Should().HaveLiveBuild("production", "ZB00000000000000000000000000000000");
                fake.Should().HaveClearedEnvironment("dev-environment");
                fake.Should().HaveReceived("CreateDeployment");
            };

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                $"Expected fake to have build \"ZB00000000000000000000000000000000\" live in environment \"production\", but it has \"dev-environment\" ({environment.Sid})." + Environment.NewLine +
                "Expected fake to have cleared environment \"dev-environment\", but it was never deployed to. It has no deployments." + Environment.NewLine +
                "Expected fake to have received \"CreateDeployment\", but it received no such request. It received no requests.");
        }
    }
}
