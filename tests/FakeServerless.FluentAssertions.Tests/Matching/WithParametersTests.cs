using System.Collections;
using FakeServerless.FluentAssertions.Tests.Support;

namespace FakeServerless.FluentAssertions.Tests.Matching;

/// <summary>How <c>withParameters</c> is read: anonymous objects, dictionaries, sequences, non-string values and "absent".</summary>
public sealed class WithParametersTests : AssertionTestBase
{
    private string _servicePath = string.Empty;
    private string _versionA = string.Empty;
    private string _versionB = string.Empty;

    private async Task CreateBuildWithTwoVersionsAsync()
    {
        var service = CreateService();
        var a = Account.CreateFunction(service.Sid, "a");
        var b = Account.CreateFunction(service.Sid, "b");
        _versionA = Account.CreateFunctionVersion(service.Sid, a.Sid, "/a", "exports.handler = () => {};").Sid;
        _versionB = Account.CreateFunctionVersion(service.Sid, b.Sid, "/b", "exports.handler = () => {};").Sid;
        _servicePath = $"/v1/Services/{service.Sid}";
        (await PostAsync(_servicePath + "/Builds", ("FunctionVersions", _versionA), ("FunctionVersions", _versionB), ("Runtime", "node22"))).EnsureSuccessStatusCode();
    }

    [Test]
    public async Task WithParameters_SingleValueOfARepeatedParameter_MatchesAnyOfItsValues()
    {
        // Arrange
        await CreateBuildWithTwoVersionsAsync();

        // Act
        var act = () => Fake.Journal.Should().HaveReceived("CreateBuild", new { FunctionVersions = _versionB });

        // Assert
        act.Should().NotThrow();
    }

    [Test]
    public async Task WithParameters_Sequence_MustEqualTheValuesInOrder()
    {
        // Arrange
        await CreateBuildWithTwoVersionsAsync();

        // Act
        var inOrder = () => Fake.Journal.Should().HaveReceived("CreateBuild", new { FunctionVersions = new[] { _versionA, _versionB } });
        var reversed = () => Fake.Journal.Should().HaveReceived("CreateBuild", new { FunctionVersions = new List<string> { _versionB, _versionA } });

        // Assert
        inOrder.Should().NotThrow();
        reversed.Should().Throw<AssertionException>().WithMessage(
            $"Expected Fake.Journal to have received \"CreateBuild\" with FunctionVersions=[\"{_versionB}\", \"{_versionA}\"], but its only such request did not match." +
            " Requests received, oldest first:" + Environment.NewLine +
            $"  POST {_servicePath}/Builds -> 201 [CreateBuild] with FunctionVersions=[\"{_versionA}\", \"{_versionB}\"], Runtime=\"node22\"");
    }

    [Test]
    public async Task WithParameters_NonGenericDictionary_IsRead()
    {
        // Arrange
        await CreateBuildWithTwoVersionsAsync();
        var expected = new Hashtable { ["Runtime"] = "node22" };

        // Act
        var act = () => Fake.Journal.Should().HaveReceived("CreateBuild", expected);

        // Assert
        act.Should().NotThrow();
    }

    [Test]
    public async Task WithParameters_NullValue_RequiresTheParameterToBeAbsent()
    {
        // Arrange
        await CreateBuildWithTwoVersionsAsync();

        // Act
        var absent = () => Fake.Journal.Should().HaveReceived("CreateBuild", new { Dependencies = (string?)null });
        var present = () => Fake.Journal.Should().HaveReceived("CreateBuild", new { Runtime = (string?)null });

        // Assert
        absent.Should().NotThrow();
        present.Should().Throw<AssertionException>().WithMessage(
            "Expected Fake.Journal to have received \"CreateBuild\" with Runtime=<absent>, but its only such request did not match." +
            " Requests received, oldest first:" + Environment.NewLine +
            $"  POST {_servicePath}/Builds -> 201 [CreateBuild] with FunctionVersions=[\"{_versionA}\", \"{_versionB}\"], Runtime=\"node22\"");
    }

    [Test]
    public async Task WithParameters_NumbersAndBooleans_AreComparedAsTwilioSendsThem()
    {
        // Arrange
        var service = CreateService();
        (await PostAsync($"/v1/Services/{service.Sid}", ("IncludeCredentials", "false"), ("FriendlyName", "42"))).EnsureSuccessStatusCode();

        // Act
        var act = () => Fake.Journal.Should().HaveReceived("UpdateService", new { IncludeCredentials = false, FriendlyName = 42 });

        // Assert
        act.Should().NotThrow();
    }

    [Test]
    public void WithParameters_NoProperties_ThrowsArgumentException()
    {
        // Act
        var act = () => Fake.Journal.Should().HaveReceived("CreateBuild", new { });

        // Assert
        act.Should().Throw<ArgumentException>().WithParameterName("withParameters");
    }

    [Test]
    public void WithParameters_Null_ThrowsArgumentNullException()
    {
        // Act
        var act = () => Fake.Journal.Should().HaveReceived("CreateBuild", withParameters: null!);

        // Assert
        act.Should().Throw<ArgumentNullException>().WithParameterName("withParameters");
    }
}
