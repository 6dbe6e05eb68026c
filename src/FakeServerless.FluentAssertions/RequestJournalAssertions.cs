using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using FakeServerless.FluentAssertions.Matching;

namespace FakeServerless.FluentAssertions;

/// <summary>
/// Assertions on the <see cref="RequestJournal"/>: which operations the fake received (Twilio's operation ids, e.g.
/// <c>CreateDeployment</c>), with which parameters, how often, in which order, and whether any failed or matched no route.
/// Failure messages list the journal's entries.
/// </summary>
/// <param name="journal">The journal to assert on; use <c>journal.Should()</c>.</param>
public sealed class RequestJournalAssertions(RequestJournal journal) : ReferenceTypeAssertions<RequestJournal, RequestJournalAssertions>(journal)
{
    /// <summary>How failure messages name the subject: <c>journal</c>, or the fake whose journal this is.</summary>
    internal string SubjectName { get; init; } = "journal";

    /// <inheritdoc />
    protected override string Identifier => SubjectName;

    /// <summary>Asserts that the fake received <paramref name="operation"/> at least once.</summary>
    /// <param name="operation">Twilio's operation id, e.g. <c>CreateDeployment</c>.</param>
    /// <param name="because">A formatted phrase explaining why the assertion is needed.</param>
    /// <param name="becauseArgs">Zero or more objects to format using the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint whose <c>Which</c> is the matching entry (when there is exactly one).</returns>
    /// <remarks>Preferred over the <c>withParameters</c> overload when the second argument is a string: it is the reason.</remarks>
    [CustomAssertion]
    [OverloadResolutionPriority(1)]
    public AndWhichConstraint<RequestJournalAssertions, JournalEntry> HaveReceived(string operation, string because = "", params object[] becauseArgs) =>
        new(this, Received(operation, null, null, null, because, becauseArgs));

    /// <summary>Asserts that the fake received <paramref name="operation"/> exactly <paramref name="times"/> times.</summary>
    /// <param name="operation">Twilio's operation id, e.g. <c>CreateDeployment</c>.</param>
    /// <param name="times">The expected number of requests.</param>
    /// <param name="because">A formatted phrase explaining why the assertion is needed.</param>
    /// <param name="becauseArgs">Zero or more objects to format using the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint whose <c>Which</c> is the matching entry (when there is exactly one).</returns>
    [CustomAssertion]
    public AndWhichConstraint<RequestJournalAssertions, JournalEntry> HaveReceived(string operation, int times, string because = "", params object[] becauseArgs) =>
        new(this, Received(operation, null, null, times, because, becauseArgs));

    /// <summary>
    /// Asserts that the fake received <paramref name="operation"/> with the given parameters at least once. Pass an anonymous
    /// object (<c>new { BuildSid = "ZB…" }</c>) or a dictionary keyed by Twilio's parameter names. A single value must be
    /// among the parameter's values, a sequence must equal them in order, and <see langword="null"/> means "not sent".
    /// </summary>
    /// <param name="operation">Twilio's operation id, e.g. <c>CreateDeployment</c>.</param>
    /// <param name="withParameters">The expected parameters.</param>
    /// <param name="because">A formatted phrase explaining why the assertion is needed.</param>
    /// <param name="becauseArgs">Zero or more objects to format using the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint whose <c>Which</c> is the matching entry (when there is exactly one).</returns>
    [CustomAssertion]
    public AndWhichConstraint<RequestJournalAssertions, JournalEntry> HaveReceived(string operation, object withParameters, string because = "", params object[] becauseArgs) =>
        new(this, ReceivedWith(operation, withParameters, null, because, becauseArgs));

    /// <summary>Asserts that the fake received <paramref name="operation"/> with the given parameters exactly <paramref name="times"/> times.</summary>
    /// <param name="operation">Twilio's operation id, e.g. <c>CreateDeployment</c>.</param>
    /// <param name="withParameters">The expected parameters, as for <see cref="HaveReceived(string, object, string, object[])"/>.</param>
    /// <param name="times">The expected number of matching requests.</param>
    /// <param name="because">A formatted phrase explaining why the assertion is needed.</param>
    /// <param name="becauseArgs">Zero or more objects to format using the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint whose <c>Which</c> is the matching entry (when there is exactly one).</returns>
    [CustomAssertion]
    public AndWhichConstraint<RequestJournalAssertions, JournalEntry> HaveReceived(string operation, object withParameters, int times, string because = "", params object[] becauseArgs) =>
        new(this, ReceivedWith(operation, withParameters, times, because, becauseArgs));

    /// <summary>Asserts that the fake received <paramref name="operation"/> at least once in a request matching <paramref name="predicate"/>.</summary>
    /// <param name="operation">Twilio's operation id, e.g. <c>CreateDeployment</c>.</param>
    /// <param name="predicate">A condition on the entry, e.g. <c>e =&gt; e.StatusCode == 201</c>.</param>
    /// <param name="because">A formatted phrase explaining why the assertion is needed.</param>
    /// <param name="becauseArgs">Zero or more objects to format using the placeholders in <paramref name="because"/>.</param>
    /// <returns>A constraint whose <c>Which</c> is the matching entry (when there is exactly one).</returns>
    [CustomAssertion]
    public AndWhichConstraint<RequestJournalAssertions, JournalEntry> HaveReceived(string operation, Expression<Func<JournalEntry, bool>> predicate, string because = "", params object[] becauseArgs) =>
        new(this, ReceivedMatching(operation, predicate, because, becauseArgs));

    /// <summary>Asserts that the fake never received <paramref name="operation"/>.</summary>
    /// <param name="operation">Twilio's operation id, e.g. <c>DeleteService</c>.</param>
    /// <param name="because">A formatted phrase explaining why the assertion is needed.</param>
    /// <param name="becauseArgs">Zero or more objects to format using the placeholders in <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<RequestJournalAssertions> NotHaveReceived(string operation, string because = "", params object[] becauseArgs)
    {
        Received(operation, null, null, 0, because, becauseArgs);
        return new(this);
    }

    /// <summary>
    /// Asserts that the fake received these operations in this order; other requests may come between them.
    /// </summary>
    /// <param name="operations">Twilio's operation ids, in the expected order.</param>
    [CustomAssertion]
    public AndConstraint<RequestJournalAssertions> HaveReceivedInOrder(params string[] operations) =>
        HaveReceivedInOrder(operations, string.Empty);

    /// <summary>
    /// Asserts that the fake received these operations in this order; other requests may come between them.
    /// </summary>
    /// <param name="operations">Twilio's operation ids, in the expected order.</param>
    /// <param name="because">A formatted phrase explaining why the assertion is needed.</param>
    /// <param name="becauseArgs">Zero or more objects to format using the placeholders in <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<RequestJournalAssertions> HaveReceivedInOrder(IEnumerable<string> operations, string because = "", params object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var expected = operations.ToArray();
        if (expected.Length == 0)
        {
            throw new ArgumentException("Expected at least one operation.", nameof(operations));
        }

        foreach (var operation in expected)
        {
            ServerlessOperation.ThrowIfUnknown(operation, nameof(operations));
        }

        var sequence = Describe.Escape(string.Join(", ", expected.Select(Describe.Quote)));
        if (!SubjectIsNotNull("to have received " + sequence + " in that order", because, becauseArgs))
        {
            return new(this);
        }

        var entries = Subject.Entries;
        var position = 0;
        var missing = -1;
        for (var i = 0; i < expected.Length && missing < 0; i++)
        {
            while (position < entries.Count && !string.Equals(entries[position].Operation, expected[i], StringComparison.Ordinal))
            {
                position++;
            }

            if (position == entries.Count)
            {
                missing = i;
            }

            position++;
        }

        var but = missing switch
        {
            < 0 => string.Empty,
            _ when !entries.Any(e => string.Equals(e.Operation, expected[missing], StringComparison.Ordinal)) => "it never received {0}",
            _ => "no {0} followed {1}",
        };
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .WithDefaultIdentifier(Identifier)
            .ForCondition(missing < 0)
            .FailWith(
                "Expected {context} to have received " + sequence + " in that order{reason}, but " + but + "." + Describe.Escape(Describe.Entries(entries)),
                missing < 0 ? null : expected[missing],
                missing > 0 ? expected[missing - 1] : null);
        return new(this);
    }

    /// <summary>Asserts that every request matched a route of the API (none was journaled as <c>Unmatched</c>).</summary>
    /// <param name="because">A formatted phrase explaining why the assertion is needed.</param>
    /// <param name="becauseArgs">Zero or more objects to format using the placeholders in <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<RequestJournalAssertions> HaveNoUnmatchedRequests(string because = "", params object[] becauseArgs) =>
        NoneOf("unmatched", e => e.IsUnmatched, because, becauseArgs);

    /// <summary>Asserts that no request was answered with an error (status 400 or above) or had its connection dropped.</summary>
    /// <param name="because">A formatted phrase explaining why the assertion is needed.</param>
    /// <param name="becauseArgs">Zero or more objects to format using the placeholders in <paramref name="because"/>.</param>
    [CustomAssertion]
    public AndConstraint<RequestJournalAssertions> HaveNoFailedRequests(string because = "", params object[] becauseArgs) =>
        NoneOf("failed", e => e.IsFailure, because, becauseArgs);

    /// <summary>
    /// The core of every <c>HaveReceived</c>: the entries of <paramref name="operation"/> that pass <paramref name="filter"/>, which must
    /// number <paramref name="times"/> (or at least one when null).
    /// </summary>
    [CustomAssertion]
    internal IReadOnlyList<JournalEntry> Received(string operation, Func<JournalEntry, bool>? filter, string? filterText, int? times, string because, object[] becauseArgs)
    {
        ServerlessOperation.ThrowIfUnknown(operation);
        if (times is { } t)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(t);
        }

        var qualifier = filterText is null ? string.Empty : " " + Describe.Escape(filterText);
        var expectation = times switch
        {
            null => "to have received {0}" + qualifier,
            0 when filter is null => "not to have received {0}",
            _ => "to have received {0}" + qualifier + " exactly " + Describe.Times(times.Value),
        };
        if (!SubjectIsNotNull(expectation, because, becauseArgs, operation))
        {
            return [];
        }

        var entries = Subject.Entries;
        var ofOperation = entries.Where(e => string.Equals(e.Operation, operation, StringComparison.Ordinal)).ToArray();
        var matched = filter is null ? ofOperation : ofOperation.Where(filter).ToArray();
        var success = times is null ? matched.Length > 0 : matched.Length == times;
        var but = times is not null ? "found {1}"
            : ofOperation.Length == 0 ? "it received no such request"
            : ofOperation.Length == 1 ? "its only such request did not match"
            : "none of its {2} such requests matched";

        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .WithDefaultIdentifier(Identifier)
            .ForCondition(success)
            .FailWith("Expected {context} " + expectation + "{reason}, but " + but + "." + Describe.Escape(Describe.Entries(entries, withParameters: filter is not null)), operation, matched.Length, ofOperation.Length);
        return matched;
    }

    [CustomAssertion]
    internal IReadOnlyList<JournalEntry> ReceivedWith(string operation, object withParameters, int? times, string because, object[] becauseArgs)
    {
        var expectation = ParameterExpectation.From(withParameters);
        return Received(operation, expectation.IsMatch, "with " + expectation, times, because, becauseArgs);
    }

    [CustomAssertion]
    internal IReadOnlyList<JournalEntry> ReceivedMatching(string operation, Expression<Func<JournalEntry, bool>> predicate, string because, object[] becauseArgs)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return Received(operation, predicate.Compile(), "matching " + predicate.Body, null, because, becauseArgs);
    }

    [CustomAssertion]
    private AndConstraint<RequestJournalAssertions> NoneOf(string kind, Func<JournalEntry, bool> isBad, string because, object[] becauseArgs)
    {
        if (SubjectIsNotNull("to have no " + kind + " requests", because, becauseArgs))
        {
            var bad = Subject.Entries.Where(isBad).ToArray();
            Execute.Assertion
                .BecauseOf(because, becauseArgs)
                .WithDefaultIdentifier(Identifier)
                .ForCondition(bad.Length == 0)
                .FailWith("Expected {context} to have no " + kind + " requests{reason}, but found {0}:" + Describe.Escape(Describe.Lines(bad.Select(e => e.ToString()))), bad.Length);
        }

        return new(this);
    }

    [CustomAssertion]
    private bool SubjectIsNotNull(string expectation, string because, object[] becauseArgs, params object?[] args) =>
        NullSubject.Check(Subject, Identifier, expectation, because, becauseArgs, args);
}
