namespace FakeServerless;

/// <summary>An npm dependency of a Build.</summary>
/// <param name="Name">The package name.</param>
/// <param name="Version">The version range.</param>
public sealed record BuildDependency(string Name, string Version);
