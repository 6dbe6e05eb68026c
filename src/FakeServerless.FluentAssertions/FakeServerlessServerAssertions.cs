using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace FakeServerless.FluentAssertions;

/// <summary>
/// Assertions on a <see cref="FakeServerlessServer"/>: on the state of its default account (read from a fresh
/// <see cref="FakeServerlessServer.Snapshot"/> on every call) and on its <see cref="FakeServerlessServer.Journal"/>. They are
/// shortcuts for <c>fake.Snapshot().Should()</c> and <c>fake.Journal.Should()</c>, with the same failure messages.
/// </summary>
public sealed class FakeServerlessServerAssertions : ReferenceTypeAssertions<FakeServerlessServer, FakeServerlessServerAssertions>
{
    /// <summary>Wraps <paramref name="fake"/>; use <c>fake.Should()</c>.</summary>
    public FakeServerlessServerAssertions(FakeServerlessServer fake)
        : base(fake)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "fake";

    // A null fake gives a null snapshot and journal, which those assertions report as "but found <null>".
    private ServerlessSnapshotAssertions State => new(Subject?.Snapshot()!) { SubjectName = Identifier };

    private RequestJournalAssertions Requests => new(Subject?.Journal!) { SubjectName = Identifier };

    /// <inheritdoc cref="ServerlessSnapshotAssertions.HaveEnvironment"/>
    [CustomAssertion]
    public AndWhichConstraint<FakeServerlessServerAssertions, EnvironmentRecord> HaveEnvironment(string environment, string because = "", params object[] becauseArgs) =>
        new(this, State.HaveEnvironment(environment, because, becauseArgs).Which);

    /// <inheritdoc cref="ServerlessSnapshotAssertions.HaveLiveBuild"/>
    [CustomAssertion]
    public AndWhichConstraint<FakeServerlessServerAssertions, EnvironmentRecord> HaveLiveBuild(string environment, string buildSid, string because = "", params object[] becauseArgs) =>
        new(this, State.HaveLiveBuild(environment, buildSid, because, becauseArgs).Which);

    /// <inheritdoc cref="ServerlessSnapshotAssertions.HaveClearedEnvironment"/>
    [CustomAssertion]
    public AndWhichConstraint<FakeServerlessServerAssertions, EnvironmentRecord> HaveClearedEnvironment(string environment, string because = "", params object[] becauseArgs) =>
        new(this, State.HaveClearedEnvironment(environment, because, becauseArgs).Which);

    /// <inheritdoc cref="ServerlessSnapshotAssertions.HaveDeployment"/>
    [CustomAssertion]
    public AndWhichConstraint<FakeServerlessServerAssertions, DeploymentRecord> HaveDeployment(string deploymentSid, string because = "", params object[] becauseArgs) =>
        new(this, State.HaveDeployment(deploymentSid, because, becauseArgs).Which);

    /// <inheritdoc cref="ServerlessSnapshotAssertions.HaveDeployed"/>
    [CustomAssertion]
    public AndWhichConstraint<FakeServerlessServerAssertions, DeploymentRecord> HaveDeployed(string buildSid, string toEnvironment, string because = "", params object[] becauseArgs) =>
        new(this, State.HaveDeployed(buildSid, toEnvironment, because, becauseArgs).Which);

    /// <inheritdoc cref="ServerlessSnapshotAssertions.HaveDeploymentsIn"/>
    [CustomAssertion]
    public AndWhichConstraint<FakeServerlessServerAssertions, EnvironmentRecord> HaveDeploymentsIn(string environment, int count, string because = "", params object[] becauseArgs) =>
        new(this, State.HaveDeploymentsIn(environment, count, because, becauseArgs).Which);

    /// <inheritdoc cref="RequestJournalAssertions.HaveReceived(string, string, object[])"/>
    /// <remarks>Preferred over the <c>withParameters</c> overload when the second argument is a string: it is the reason.</remarks>
    [CustomAssertion]
    [OverloadResolutionPriority(1)]
    public AndWhichConstraint<FakeServerlessServerAssertions, JournalEntry> HaveReceived(string operation, string because = "", params object[] becauseArgs) =>
        new(this, Requests.Received(operation, null, null, null, because, becauseArgs));

    /// <inheritdoc cref="RequestJournalAssertions.HaveReceived(string, int, string, object[])"/>
    [CustomAssertion]
    public AndWhichConstraint<FakeServerlessServerAssertions, JournalEntry> HaveReceived(string operation, int times, string because = "", params object[] becauseArgs) =>
        new(this, Requests.Received(operation, null, null, times, because, becauseArgs));

    /// <inheritdoc cref="RequestJournalAssertions.HaveReceived(string, object, string, object[])"/>
    [CustomAssertion]
    public AndWhichConstraint<FakeServerlessServerAssertions, JournalEntry> HaveReceived(string operation, object withParameters, string because = "", params object[] becauseArgs) =>
        new(this, Requests.ReceivedWith(operation, withParameters, null, because, becauseArgs));

    /// <inheritdoc cref="RequestJournalAssertions.HaveReceived(string, object, int, string, object[])"/>
    [CustomAssertion]
    public AndWhichConstraint<FakeServerlessServerAssertions, JournalEntry> HaveReceived(string operation, object withParameters, int times, string because = "", params object[] becauseArgs) =>
        new(this, Requests.ReceivedWith(operation, withParameters, times, because, becauseArgs));

    /// <inheritdoc cref="RequestJournalAssertions.HaveReceived(string, Expression{Func{JournalEntry, bool}}, string, object[])"/>
    [CustomAssertion]
    public AndWhichConstraint<FakeServerlessServerAssertions, JournalEntry> HaveReceived(string operation, Expression<Func<JournalEntry, bool>> predicate, string because = "", params object[] becauseArgs) =>
        new(this, Requests.ReceivedMatching(operation, predicate, because, becauseArgs));

    /// <inheritdoc cref="RequestJournalAssertions.NotHaveReceived"/>
    [CustomAssertion]
    public AndConstraint<FakeServerlessServerAssertions> NotHaveReceived(string operation, string because = "", params object[] becauseArgs)
    {
        Requests.NotHaveReceived(operation, because, becauseArgs);
        return new(this);
    }

    /// <inheritdoc cref="RequestJournalAssertions.HaveReceivedInOrder(string[])"/>
    [CustomAssertion]
    public AndConstraint<FakeServerlessServerAssertions> HaveReceivedInOrder(params string[] operations) =>
        HaveReceivedInOrder(operations, string.Empty);

    /// <inheritdoc cref="RequestJournalAssertions.HaveReceivedInOrder(IEnumerable{string}, string, object[])"/>
    [CustomAssertion]
    public AndConstraint<FakeServerlessServerAssertions> HaveReceivedInOrder(IEnumerable<string> operations, string because = "", params object[] becauseArgs)
    {
        Requests.HaveReceivedInOrder(operations, because, becauseArgs);
        return new(this);
    }

    /// <inheritdoc cref="RequestJournalAssertions.HaveNoUnmatchedRequests"/>
    [CustomAssertion]
    public AndConstraint<FakeServerlessServerAssertions> HaveNoUnmatchedRequests(string because = "", params object[] becauseArgs)
    {
        Requests.HaveNoUnmatchedRequests(because, becauseArgs);
        return new(this);
    }

    /// <inheritdoc cref="RequestJournalAssertions.HaveNoFailedRequests"/>
    [CustomAssertion]
    public AndConstraint<FakeServerlessServerAssertions> HaveNoFailedRequests(string because = "", params object[] becauseArgs)
    {
        Requests.HaveNoFailedRequests(because, becauseArgs);
        return new(this);
    }
}
