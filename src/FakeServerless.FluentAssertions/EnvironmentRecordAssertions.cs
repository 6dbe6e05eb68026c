namespace FakeServerless.FluentAssertions;

/// <summary>Assertions on one <see cref="EnvironmentRecord"/>: which build is live in it.</summary>
public sealed class EnvironmentRecordAssertions : ReferenceTypeAssertions<EnvironmentRecord, EnvironmentRecordAssertions>
{
    /// <summary>Wraps <paramref name="environment"/>; use <c>environment.Should()</c>.</summary>
    public EnvironmentRecordAssertions(EnvironmentRecord environment)
        : base(environment)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "environment";

    /// <summary>Asserts that <paramref name="buildSid"/> is the build live in the environment.</summary>
    /// <param name="buildSid">The expected live build (<c>ZB…</c>).</param>
    /// <param name="because">A formatted phrase explaining why the assertion is needed.</param>
    /// <param name="becauseArgs">Zero or more objects to format using the placeholders in <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<EnvironmentRecordAssertions> HaveLiveBuild(string buildSid, string because = "", params object[] becauseArgs)
    {
        ArgumentException.ThrowIfNullOrEmpty(buildSid);
        var found = Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .WithDefaultIdentifier(Identifier)
            .ForCondition(Subject is not null)
            .FailWith("Expected {context:environment} to have build {0} live{reason}, but found <null>.", buildSid);
        if (found)
        {
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .WithDefaultIdentifier(Identifier)
                .ForCondition(string.Equals(Subject!.BuildSid, buildSid, StringComparison.Ordinal))
                .FailWith("Expected {context:environment} to have build {1} live in environment {0}{reason}, but " + Live(Subject) + ".", Subject.UniqueName, buildSid);
        }

        return new AndConstraint<EnvironmentRecordAssertions>(this);
    }

    /// <summary>Asserts that no build is live in the environment: nothing was deployed, or it was cleared.</summary>
    /// <param name="because">A formatted phrase explaining why the assertion is needed.</param>
    /// <param name="becauseArgs">Zero or more objects to format using the placeholders in <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<EnvironmentRecordAssertions> HaveNoLiveBuild(string because = "", params object[] becauseArgs)
    {
        var found = Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .WithDefaultIdentifier(Identifier)
            .ForCondition(Subject is not null)
            .FailWith("Expected {context:environment} to have no build live{reason}, but found <null>.");
        if (found)
        {
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .WithDefaultIdentifier(Identifier)
                .ForCondition(Subject!.BuildSid is null)
                .FailWith("Expected {context:environment} to have no build live in environment {0}{reason}, but build {1} is live.", Subject.UniqueName, Subject.BuildSid);
        }

        return new AndConstraint<EnvironmentRecordAssertions>(this);
    }

    /// <summary>"it has no live build" or "build "ZB…" is live", for a failure message.</summary>
    internal static string Live(EnvironmentRecord environment) =>
        environment.BuildSid is null ? "it has no live build" : "build " + Describe.Escape(Describe.Quote(environment.BuildSid)) + " is live";
}
