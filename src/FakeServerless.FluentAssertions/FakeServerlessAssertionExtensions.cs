namespace FakeServerless.FluentAssertions;

/// <summary>
/// The <c>Should()</c> entry points of FakeServerless's FluentAssertions extensions: on the fake itself, on a
/// <see cref="ServerlessSnapshot"/>, on an <see cref="EnvironmentRecord"/> and on the <see cref="RequestJournal"/>.
/// </summary>
public static class FakeServerlessAssertionExtensions
{
    /// <summary>Asserts on the state of the fake's default account and on the requests the fake received.</summary>
    public static FakeServerlessServerAssertions Should(this FakeServerlessServer fake) => new(fake);

    /// <summary>Asserts on a snapshot of one account's state.</summary>
    public static ServerlessSnapshotAssertions Should(this ServerlessSnapshot snapshot) => new(snapshot);

    /// <summary>Asserts on one environment, e.g. which build is live in it.</summary>
    public static EnvironmentRecordAssertions Should(this EnvironmentRecord environment) => new(environment);

    /// <summary>Asserts on the requests the fake received.</summary>
    public static RequestJournalAssertions Should(this RequestJournal journal) => new(journal);
}
