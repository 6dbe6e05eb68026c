namespace FakeServerless.FluentAssertions;

/// <summary>
/// Assertions on a <see cref="ServerlessSnapshot"/> of one account: its environments, which builds are live and which
/// deployments exist. Environments are named by SID, unique name or domain name. Deployments are the ones the API lists:
/// clearing an environment deletes its earlier deployments.
/// </summary>
/// <param name="snapshot">The snapshot to assert on; use <c>snapshot.Should()</c>.</param>
public sealed class ServerlessSnapshotAssertions(ServerlessSnapshot snapshot) : ReferenceTypeAssertions<ServerlessSnapshot, ServerlessSnapshotAssertions>(snapshot)
{
    /// <summary>How failure messages name the subject: <c>snapshot</c>, or the fake whose snapshot this is.</summary>
    internal string SubjectName { get; init; } = "snapshot";

    /// <inheritdoc />
    protected override string Identifier => SubjectName;

    /// <summary>Asserts that the account has an environment with this SID, unique name or domain name.</summary>
    /// <param name="environment">The environment's SID (<c>ZE…</c>), unique name or domain name.</param>
    /// <param name="because">A formatted phrase explaining why the assertion is needed.</param>
    /// <param name="becauseArgs">Zero or more objects to format using the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint whose <c>Which</c> is the environment.</returns>
    [CustomAssertion]
    public AndWhichConstraint<ServerlessSnapshotAssertions, EnvironmentRecord> HaveEnvironment(string environment, string because = "", params object[] becauseArgs) =>
        new(this, FindEnvironment(environment, "to have environment {0}", because, becauseArgs)!);

    /// <summary>Asserts that <paramref name="buildSid"/> is the build live in <paramref name="environment"/>.</summary>
    /// <param name="environment">The environment's SID (<c>ZE…</c>), unique name or domain name.</param>
    /// <param name="buildSid">The expected live build (<c>ZB…</c>).</param>
    /// <param name="because">A formatted phrase explaining why the assertion is needed.</param>
    /// <param name="becauseArgs">Zero or more objects to format using the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint whose <c>Which</c> is the environment.</returns>
    [CustomAssertion]
    public AndWhichConstraint<ServerlessSnapshotAssertions, EnvironmentRecord> HaveLiveBuild(string environment, string buildSid, string because = "", params object[] becauseArgs)
    {
        ArgumentException.ThrowIfNullOrEmpty(buildSid);
        var record = FindEnvironment(environment, "to have build {1} live in environment {0}", because, becauseArgs, buildSid);
        if (record is not null)
        {
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .WithDefaultIdentifier(Identifier)
                .ForCondition(string.Equals(record.BuildSid, buildSid, StringComparison.Ordinal))
                .FailWith(
                    "Expected {context} to have build {1} live in environment {0}{reason}, but " + EnvironmentRecordAssertions.Live(record) + "." +
                    Describe.Escape(Describe.Deployments(Subject.DeploymentsOf(record.Sid))),
                    environment,
                    buildSid);
        }

        return new(this, record!);
    }

    /// <summary>
    /// Asserts that <paramref name="environment"/> was cleared: no build is live and its only deployment is the clearing one
    /// (a deployment without a build). An environment that was never deployed to was not cleared.
    /// </summary>
    /// <param name="environment">The environment's SID (<c>ZE…</c>), unique name or domain name.</param>
    /// <param name="because">A formatted phrase explaining why the assertion is needed.</param>
    /// <param name="becauseArgs">Zero or more objects to format using the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint whose <c>Which</c> is the environment.</returns>
    [CustomAssertion]
    public AndWhichConstraint<ServerlessSnapshotAssertions, EnvironmentRecord> HaveClearedEnvironment(string environment, string because = "", params object[] becauseArgs)
    {
        var record = FindEnvironment(environment, "to have cleared environment {0}", because, becauseArgs);
        if (record is not null)
        {
            var deployments = Subject.DeploymentsOf(record.Sid);
            var cleared = record.BuildSid is null && deployments.Count == 1 && deployments[0].BuildSid is null;
            var but = record.BuildSid is not null ? EnvironmentRecordAssertions.Live(record)
                : deployments.Count == 0 ? "it was never deployed to"
                : "its deployments are not just the clearing one";
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .WithDefaultIdentifier(Identifier)
                .ForCondition(cleared)
                .FailWith(
                    "Expected {context} to have cleared environment {0}{reason}, but " + but + "." + Describe.Escape(Describe.Deployments(deployments)),
                    environment);
        }

        return new(this, record!);
    }

    /// <summary>Asserts that a deployment with this SID exists (in any environment of the account).</summary>
    /// <param name="deploymentSid">The deployment's SID (<c>ZD…</c>).</param>
    /// <param name="because">A formatted phrase explaining why the assertion is needed.</param>
    /// <param name="becauseArgs">Zero or more objects to format using the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint whose <c>Which</c> is the deployment.</returns>
    [CustomAssertion]
    public AndWhichConstraint<ServerlessSnapshotAssertions, DeploymentRecord> HaveDeployment(string deploymentSid, string because = "", params object[] becauseArgs)
    {
        ArgumentException.ThrowIfNullOrEmpty(deploymentSid);
        DeploymentRecord? deployment = null;
        if (SubjectIsNotNull("to have deployment {0}", because, becauseArgs, deploymentSid))
        {
            deployment = Subject.Deployments.FirstOrDefault(d => d.Sid == deploymentSid);
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .WithDefaultIdentifier(Identifier)
                .ForCondition(deployment is not null)
                .FailWith(
                    "Expected {context} to have deployment {0}{reason}, but it has no deployment with that SID." + Describe.Escape(Describe.AllDeployments(Subject)),
                    deploymentSid);
        }

        return new(this, deployment!);
    }

    /// <summary>Asserts that <paramref name="buildSid"/> was deployed to <paramref name="toEnvironment"/> (and that deployment still exists).</summary>
    /// <param name="buildSid">The build (<c>ZB…</c>).</param>
    /// <param name="toEnvironment">The environment's SID (<c>ZE…</c>), unique name or domain name.</param>
    /// <param name="because">A formatted phrase explaining why the assertion is needed.</param>
    /// <param name="becauseArgs">Zero or more objects to format using the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint whose <c>Which</c> is the newest deployment of the build to the environment.</returns>
    [CustomAssertion]
    public AndWhichConstraint<ServerlessSnapshotAssertions, DeploymentRecord> HaveDeployed(string buildSid, string toEnvironment, string because = "", params object[] becauseArgs)
    {
        ArgumentException.ThrowIfNullOrEmpty(buildSid);
        DeploymentRecord? deployment = null;
        var record = FindEnvironment(toEnvironment, "to have deployed build {1} to environment {0}", because, becauseArgs, buildSid);
        if (record is not null)
        {
            var deployments = Subject.DeploymentsOf(record.Sid);
            deployment = deployments.FirstOrDefault(d => d.BuildSid == buildSid);
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .WithDefaultIdentifier(Identifier)
                .ForCondition(deployment is not null)
                .FailWith(
                    "Expected {context} to have deployed build {1} to environment {0}{reason}, but it has no deployment of that build." +
                    Describe.Escape(Describe.Deployments(deployments)),
                    toEnvironment,
                    buildSid);
        }

        return new(this, deployment!);
    }

    /// <summary>Asserts that <paramref name="environment"/> has exactly <paramref name="count"/> deployments (as the API lists them).</summary>
    /// <param name="environment">The environment's SID (<c>ZE…</c>), unique name or domain name.</param>
    /// <param name="count">The expected number of deployments.</param>
    /// <param name="because">A formatted phrase explaining why the assertion is needed.</param>
    /// <param name="becauseArgs">Zero or more objects to format using the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint whose <c>Which</c> is the environment.</returns>
    [CustomAssertion]
    public AndWhichConstraint<ServerlessSnapshotAssertions, EnvironmentRecord> HaveDeploymentsIn(string environment, int count, string because = "", params object[] becauseArgs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var record = FindEnvironment(environment, "to have {1} deployment(s) in environment {0}", because, becauseArgs, count);
        if (record is not null)
        {
            var deployments = Subject.DeploymentsOf(record.Sid);
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .WithDefaultIdentifier(Identifier)
                .ForCondition(deployments.Count == count)
                .FailWith(
                    "Expected {context} to have {1} deployment(s) in environment {0}{reason}, but found {2}." + Describe.Escape(Describe.Deployments(deployments)),
                    environment,
                    count,
                    deployments.Count);
        }

        return new(this, record!);
    }

    /// <summary>Finds an environment, failing with "Expected snapshot {expectation}{reason}, but …" when it is missing.</summary>
    [CustomAssertion]
    private EnvironmentRecord? FindEnvironment(string environment, string expectation, string because, object[] becauseArgs, object? extra = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(environment);
        if (!SubjectIsNotNull(expectation, because, becauseArgs, environment, extra))
        {
            return null;
        }

        var record = Subject.Environment(environment);
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .WithDefaultIdentifier(Identifier)
            .ForCondition(record is not null)
            .FailWith("Expected {context} " + expectation + "{reason}, but " + Describe.Escape(Describe.Environments(Subject)) + ".", environment, extra);
        return record;
    }

    [CustomAssertion]
    private bool SubjectIsNotNull(string expectation, string because, object[] becauseArgs, params object?[] args) =>
        NullSubject.Check(Subject, Identifier, expectation, because, becauseArgs, args);
}
