namespace FakeServerless.State;

/// <summary>
/// What tells Functions and Assets apart (they share the <c>ZH</c>/<c>ZN</c> prefixes and every rule): their names, where a
/// service keeps them, how a record and a version record are made, and which versions of a build are theirs.
/// </summary>
internal sealed class CodeKind<TRecord, TVersion>
    where TRecord : class
    where TVersion : class
{
    /// <summary><c>Function</c> or <c>Asset</c>, for messages and operation ids.</summary>
    public required string Name { get; init; }

    public required Func<ServiceNode, SidList<CodeNode<TRecord, TVersion>>> ListOf { get; init; }

    public required Func<TRecord, string> Sid { get; init; }

    public required Func<TVersion, string> VersionSid { get; init; }

    public required Func<NewCode, TRecord> Create { get; init; }

    public required Func<TRecord, string, DateTimeOffset, TRecord> Rename { get; init; }

    public required Func<NewCodeVersion, TVersion> CreateVersion { get; init; }

    /// <summary>The SIDs of the functions (or assets) whose versions a build holds.</summary>
    public required Func<BuildRecord, IEnumerable<string>> ParentsInBuild { get; init; }
}
