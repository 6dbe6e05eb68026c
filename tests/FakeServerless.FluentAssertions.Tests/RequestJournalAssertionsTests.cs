using FakeServerless.FluentAssertions.Tests.Support;

namespace FakeServerless.FluentAssertions.Tests;

public static class RequestJournalAssertionsTests
{
    private const string Listing = " Requests received, oldest first:";

    public sealed class HaveReceived : AssertionTestBase
    {
        [Test]
        public async Task HaveReceived_OperationReceived_PassesWithWhichTheEntry()
        {
            // Arrange
            var deploy = await DeployOverHttpAsync();
            var journal = Fake.Journal;

            // Act
            var which = journal.Should().HaveReceived("CreateDeployment").Which;

            // Assert
            which.Parameter("BuildSid").Should().Be(deploy.BuildSid);
        }

        [Test]
        public async Task HaveReceived_OperationNotReceived_ThrowsListingTheJournal()
        {
            // Arrange
            var deploy = await DeployOverHttpAsync();
            var journal = Fake.Journal;

            // Act
            var act = () => journal.Should().HaveReceived("DeleteService");

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected journal to have received \"DeleteService\", but it received no such request." + Listing + deploy.Lines());
        }

        [Test]
        public void HaveReceived_EmptyJournal_ThrowsSayingNothingWasReceived()
        {
            // Arrange
            var journal = Fake.Journal;

            // Act
            var act = () => journal.Should().HaveReceived("CreateDeployment", "the pipeline {0}", "deploys");

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected journal to have received \"CreateDeployment\" because the pipeline deploys, but it received no such request. It received no requests.");
        }
    }

    public sealed class HaveReceivedTimes : AssertionTestBase
    {
        [Test]
        public async Task HaveReceived_TimesMatches_Passes()
        {
            // Arrange
            await DeployOverHttpAsync();
            var journal = Fake.Journal;

            // Act
            var act = () => journal.Should().HaveReceived("CreateDeployment", times: 1).And.HaveReceived("DeleteService", times: 0);

            // Assert
            act.Should().NotThrow();
        }

        [Test]
        public async Task HaveReceived_TimesDiffers_ThrowsWithTheCount()
        {
            // Arrange
            var deploy = await DeployOverHttpAsync();
            var journal = Fake.Journal;

            // Act
            var act = () => journal.Should().HaveReceived("FetchBuildStatus", times: 2);

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected journal to have received \"FetchBuildStatus\" exactly 2 times, but found 1." + Listing + deploy.Lines());
        }
    }

    public sealed class HaveReceivedWithParameters : AssertionTestBase
    {
        [Test]
        public async Task HaveReceived_AnonymousObjectMatches_Passes()
        {
            // Arrange
            var deploy = await DeployOverHttpAsync();
            var journal = Fake.Journal;

            // Act
            var act = () => journal.Should()
                .HaveReceived("CreateDeployment", withParameters: new { BuildSid = deploy.BuildSid, IsPlugin = (string?)null })
                .And.HaveReceived("CreateBuild", withParameters: new { FunctionVersions = new[] { deploy.VersionSid } }, times: 1);

            // Assert
            act.Should().NotThrow();
        }

        [Test]
        public async Task HaveReceived_DictionaryMatches_Passes()
        {
            // Arrange
            var deploy = await DeployOverHttpAsync();
            var journal = Fake.Journal;
            var expected = new Dictionary<string, string> { ["BuildSid"] = deploy.BuildSid };

            // Act
            var which = journal.Should().HaveReceived("CreateDeployment", expected).Which;

            // Assert
            which.StatusCode.Should().Be(201);
        }

        [Test]
        public async Task HaveReceived_ParameterDiffers_ThrowsListingTheJournalWithParameters()
        {
            // Arrange
            var deploy = await DeployOverHttpAsync();
            var journal = Fake.Journal;

            // Act
            var act = () => journal.Should().HaveReceived("CreateDeployment", withParameters: new { BuildSid = "ZB00000000000000000000000000000000" });

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected journal to have received \"CreateDeployment\" with BuildSid=\"ZB00000000000000000000000000000000\", but its only such request did not match." +
                Listing + deploy.Lines(withParameters: true));
        }

        [Test]
        public async Task HaveReceived_ParameterSentButExpectedAbsent_ThrowsWithTimes()
        {
            // Arrange
            var deploy = await DeployOverHttpAsync();
            var journal = Fake.Journal;

            // Act
            var act = () => journal.Should().HaveReceived("CreateDeployment", new { BuildSid = (string?)null }, times: 1);

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected journal to have received \"CreateDeployment\" with BuildSid=<absent> exactly 1 time, but found 0." + Listing + deploy.Lines(withParameters: true));
        }

        [Test]
        public async Task HaveReceived_ValuesWithBraces_AreListedVerbatim()
        {
            // Arrange
            var service = CreateService();
            var function = Account.CreateFunction(service.Sid, "hello");
            var version = Account.CreateFunctionVersion(service.Sid, function.Sid, "/hello", "exports.handler = () => {};");
            var dependencies = "[{\"name\":\"axios\",\"version\":\"1.7.0\"}]";
            await PostAsync($"/v1/Services/{service.Sid}/Builds", ("FunctionVersions", version.Sid), ("Dependencies", dependencies));
            var journal = Fake.Journal;

            // Act
            var act = () => journal.Should().HaveReceived("CreateBuild", new { Dependencies = "[]" });

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected journal to have received \"CreateBuild\" with Dependencies=\"[]\", but its only such request did not match." + Listing + System.Environment.NewLine +
                $"  POST /v1/Services/{service.Sid}/Builds -> 201 [CreateBuild] with FunctionVersions=\"{version.Sid}\", Dependencies=\"{dependencies}\"");
        }
    }

    public sealed class HaveReceivedMatching : AssertionTestBase
    {
        [Test]
        public async Task HaveReceived_PredicateMatches_Passes()
        {
            // Arrange
            await DeployOverHttpAsync();
            var journal = Fake.Journal;

            // Act
            var act = () => journal.Should().HaveReceived("CreateDeployment", e => e.StatusCode == 201);

            // Assert
            act.Should().NotThrow();
        }

        [Test]
        public async Task HaveReceived_PredicateFails_ThrowsShowingThePredicate()
        {
            // Arrange
            var deploy = await DeployOverHttpAsync();
            var journal = Fake.Journal;

            // Act
            var act = () => journal.Should().HaveReceived("CreateDeployment", e => e.StatusCode == 409);

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected journal to have received \"CreateDeployment\" matching (e.StatusCode == 409), but its only such request did not match." +
                Listing + deploy.Lines(withParameters: true));
        }
    }

    public sealed class NotHaveReceived : AssertionTestBase
    {
        [Test]
        public async Task NotHaveReceived_OperationAbsent_Passes()
        {
            // Arrange
            await DeployOverHttpAsync();
            var journal = Fake.Journal;

            // Act
            var act = () => journal.Should().NotHaveReceived("DeleteBuild");

            // Assert
            act.Should().NotThrow();
        }

        [Test]
        public async Task NotHaveReceived_OperationReceived_ThrowsWithTheCount()
        {
            // Arrange
            var deploy = await DeployOverHttpAsync();
            var journal = Fake.Journal;

            // Act
            var act = () => journal.Should().NotHaveReceived("CreateBuild", "builds are cached");

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected journal not to have received \"CreateBuild\" because builds are cached, but found 1." + Listing + deploy.Lines());
        }
    }

    public sealed class HaveReceivedInOrder : AssertionTestBase
    {
        [Test]
        public async Task HaveReceivedInOrder_InOrderWithGaps_Passes()
        {
            // Arrange
            await DeployOverHttpAsync();
            var journal = Fake.Journal;

            // Act
            var act = () => journal.Should().HaveReceivedInOrder("CreateBuild", "FetchBuildStatus", "CreateDeployment")
                .And.HaveReceivedInOrder("CreateBuild", "CreateDeployment");

            // Assert
            act.Should().NotThrow();
        }

        [Test]
        public async Task HaveReceivedInOrder_OutOfOrder_ThrowsNamingTheBrokenStep()
        {
            // Arrange
            var deploy = await DeployOverHttpAsync();
            var journal = Fake.Journal;

            // Act
            var act = () => journal.Should().HaveReceivedInOrder("CreateBuild", "CreateDeployment", "FetchBuildStatus");

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected journal to have received \"CreateBuild\", \"CreateDeployment\", \"FetchBuildStatus\" in that order, but no \"FetchBuildStatus\" followed \"CreateDeployment\"." +
                Listing + deploy.Lines());
        }

        [Test]
        public async Task HaveReceivedInOrder_NeverReceived_ThrowsWithTheReason()
        {
            // Arrange
            var deploy = await DeployOverHttpAsync();
            var journal = Fake.Journal;

            // Act
            var act = () => journal.Should().HaveReceivedInOrder(["CreateService", "CreateBuild"], "the tool creates the service {0}", "first");

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected journal to have received \"CreateService\", \"CreateBuild\" in that order because the tool creates the service first, but it never received \"CreateService\"." +
                Listing + deploy.Lines());
        }
    }

    public sealed class HaveNoUnmatchedRequests : AssertionTestBase
    {
        [Test]
        public async Task HaveNoUnmatchedRequests_AllMatched_Passes()
        {
            // Arrange
            await DeployOverHttpAsync();
            var journal = Fake.Journal;

            // Act
            var act = () => journal.Should().HaveNoUnmatchedRequests();

            // Assert
            act.Should().NotThrow();
        }

        [Test]
        public async Task HaveNoUnmatchedRequests_UnknownPath_ThrowsListingIt()
        {
            // Arrange
            await DeployOverHttpAsync();
            (await GetAsync("/v1/Services/shop/Widgets")).Dispose();
            var journal = Fake.Journal;

            // Act
            var act = () => journal.Should().HaveNoUnmatchedRequests();

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected journal to have no unmatched requests, but found 1:" + System.Environment.NewLine +
                "  GET /v1/Services/shop/Widgets -> 404 (20404) [Unmatched]");
        }
    }

    public sealed class HaveNoFailedRequests : AssertionTestBase
    {
        [Test]
        public async Task HaveNoFailedRequests_AllSucceeded_Passes()
        {
            // Arrange
            await DeployOverHttpAsync();
            var journal = Fake.Journal;

            // Act
            var act = () => journal.Should().HaveNoFailedRequests();

            // Assert
            act.Should().NotThrow();
        }

        [Test]
        public async Task HaveNoFailedRequests_ConflictAndFault_ThrowsListingThem()
        {
            // Arrange
            var deploy = await DeployOverHttpAsync();
            var deployments = $"/v1/Services/{deploy.Service.Sid}/Environments/{deploy.Environment.Sid}/Deployments";
            (await PostAsync(deployments, ("BuildSid", deploy.BuildSid))).Dispose();
            Fake.Faults.When("ListDeployment").ServiceUnavailable().Once();
            (await GetAsync(deployments)).Dispose();
            var journal = Fake.Journal;

            // Act
            var act = () => journal.Should().HaveNoFailedRequests("the deploy should be clean");

            // Assert
            act.Should().Throw<AssertionException>().WithMessage(
                "Expected journal to have no failed requests because the deploy should be clean, but found 2:" + System.Environment.NewLine +
                $"  POST {deployments} -> 409 (20409) [CreateDeployment]" + System.Environment.NewLine +
                $"  GET {deployments} -> 503 (20503) [ListDeployment] fault: ListDeployment: 503/20503");
        }
    }

    public sealed class ArgumentChecks : AssertionTestBase
    {
        [Test]
        public void HaveReceived_EmptyOperation_ThrowsArgumentException()
        {
            // Act
            var act = () => Fake.Journal.Should().HaveReceived(string.Empty);

            // Assert
            act.Should().Throw<ArgumentException>().WithParameterName("operation");
        }

        [Test]
        public void HaveReceived_NegativeTimes_ThrowsArgumentOutOfRangeException()
        {
            // Act
            var act = () => Fake.Journal.Should().HaveReceived("CreateBuild", times: -1);

            // Assert
            act.Should().Throw<ArgumentOutOfRangeException>();
        }

        [Test]
        public async Task HaveReceived_OperationConstant_Passes()
        {
            // Arrange
            await DeployOverHttpAsync();

            // Act
            var act = () => Fake.Journal.Should().HaveReceived(ServerlessOperation.CreateDeployment, times: 1);

            // Assert
            act.Should().NotThrow();
        }

        [Test]
        public async Task HaveReceived_MisspelledOperation_ThrowsArgumentExceptionNamingTheClosestId()
        {
            // Arrange
            await DeployOverHttpAsync();

            // Act
            var act = () => Fake.Journal.Should().HaveReceived("CreateDeploymnet", new { BuildSid = "ZB1" });

            // Assert
            act.Should().Throw<ArgumentException>().WithParameterName("operation").WithMessage(
                "Unknown operation 'CreateDeploymnet'. Did you mean 'CreateDeployment'? Valid ids are listed in ServerlessOperation.*");
        }

        [Test]
        public void NotHaveReceived_MisspelledOperation_ThrowsInsteadOfPassingVacuously()
        {
            // Act
            var act = () => Fake.Journal.Should().NotHaveReceived("deleteservice");

            // Assert
            act.Should().Throw<ArgumentException>().WithMessage(
                "Unknown operation 'deleteservice'. Did you mean 'DeleteService'? Valid ids are listed in ServerlessOperation.*");
        }

        [Test]
        public void HaveReceivedInOrder_OneMisspelledOperation_ThrowsArgumentExceptionNamingIt()
        {
            // Act
            var act = () => Fake.Journal.Should().HaveReceivedInOrder(ServerlessOperation.CreateBuild, "CreateDeployments");

            // Assert
            act.Should().Throw<ArgumentException>().WithParameterName("operations").WithMessage(
                "Unknown operation 'CreateDeployments'. Did you mean 'CreateDeployment'? Valid ids are listed in ServerlessOperation.*");
        }

        [Test]
        public void HaveReceivedInOrder_NoOperations_ThrowsArgumentException()
        {
            // Act
            var act = () => Fake.Journal.Should().HaveReceivedInOrder();

            // Assert
            act.Should().Throw<ArgumentException>().WithParameterName("operations");
        }
    }
}
