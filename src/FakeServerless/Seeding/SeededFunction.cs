namespace FakeServerless;

/// <summary>A seeded function and the version of it that is in the scenario's build.</summary>
/// <param name="Function">The function.</param>
/// <param name="Version">Its uploaded version (path, visibility, code).</param>
public sealed record SeededFunction(FunctionRecord Function, FunctionVersionRecord Version)
{
    /// <summary>The version's path, e.g. <c>/sms/reply</c>.</summary>
    public string Path => Version.Path;
}
