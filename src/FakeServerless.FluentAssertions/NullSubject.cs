namespace FakeServerless.FluentAssertions;

/// <summary>The null-subject check the journal and snapshot assertions share, so both fail with the same message.</summary>
internal static class NullSubject
{
    /// <summary>Fails with "Expected {context} <paramref name="expectation"/>{reason}, but found &lt;null&gt;." when
    /// <paramref name="subject"/> is null; returns whether it is not.</summary>
    [CustomAssertion]
    public static bool Check(object? subject, string identifier, string expectation, string because, object[] becauseArgs, object?[] args) =>
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .WithDefaultIdentifier(identifier)
            .ForCondition(subject is not null)
            .FailWith("Expected {context} " + expectation + "{reason}, but found <null>.", args);
}
