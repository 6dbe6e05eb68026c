namespace FakeServerless.Contract.Live;

/// <summary>The suite's test categories.</summary>
internal static class ContractCategories
{
    /// <summary>Needs control only the fake has (clock, faults, manual builds, seeded logs); ignored against a live account.</summary>
    public const string FakeOnly = "FakeOnly";

    /// <summary>Needs a live account; ignored (naming both variables) without one.</summary>
    public const string Live = "Live";

    /// <summary>Runs the suite as a child against a proxied fake; excluded from that child run.</summary>
    public const string ThroughProxy = "ThroughProxy";

    /// <summary>Fails on purpose, only inside the through-proxy child run, to prove TearDown deletes a failed test's services.</summary>
    public const string CleanupProbe = "CleanupProbe";
}
