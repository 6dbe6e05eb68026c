namespace FakeServerless.Tests.Support;

/// <summary>
/// The two kinds of code a service holds, as the engine treats them (one implementation over its internal
/// <c>CodeKind</c>): tests of what both share run once per kind through <see cref="CodeResources"/>, which calls the
/// Twilio SDK's own resource types of that kind.
/// </summary>
public enum CodeKind
{
    /// <summary>Functions: <c>FunctionResource</c>, <c>/Functions</c>, <c>function_versions</c>.</summary>
    Function,

    /// <summary>Assets: <c>AssetResource</c>, <c>/Assets</c>, <c>asset_versions</c>.</summary>
    Asset,
}
