namespace FakeServerless.State;

/// <summary>
/// What an environment's domain has live at a path: the function version or asset version there (function first), and for a
/// function the environment's variables. Both null: the environment has a live build but nothing at that path.
/// <see cref="Build"/> is the live build, <see cref="IncludeCredentials"/> the service's setting (Node mode runs the build).
/// </summary>
internal sealed record DomainTarget(
    DomainEntry Entry,
    FunctionVersionRecord? Function,
    AssetVersionRecord? Asset,
    IReadOnlyDictionary<string, string> Variables,
    BuildRecord Build,
    bool IncludeCredentials);
