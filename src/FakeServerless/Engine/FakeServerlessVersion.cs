using System.Reflection;

namespace FakeServerless.Engine;

/// <summary>This FakeServerless's version: the assembly's informational version (the release and the commit it was built from).</summary>
internal static class FakeServerlessVersion
{
    public static readonly string Current =
        typeof(FakeServerlessVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(FakeServerlessVersion).Assembly.GetName().Version?.ToString() ?? "0.0.0";
}
