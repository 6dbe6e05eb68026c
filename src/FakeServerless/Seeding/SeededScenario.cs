namespace FakeServerless;

/// <summary>
/// What <see cref="ScenarioSeeder"/> created, as it stands after seeding: a service with environments, functions, assets,
/// variables, a build and the deployments of that build.
/// </summary>
public sealed record SeededScenario
{
    internal SeededScenario()
    {
    }

    /// <summary>The Bogus seed the names, paths and contents were generated from (pass it to <see cref="ScenarioOptions.Seed"/> to repeat them).</summary>
    public required int Seed { get; init; }

    /// <summary>The account the scenario lives in.</summary>
    public required string AccountSid { get; init; }

    /// <summary>The service.</summary>
    public required ServiceRecord Service { get; init; }

    /// <summary>The environments, in the order of <see cref="ScenarioOptions.EnvironmentNames"/>.</summary>
    public required IReadOnlyList<EnvironmentRecord> Environments { get; init; }

    /// <summary>The functions with their versions.</summary>
    public required IReadOnlyList<SeededFunction> Functions { get; init; }

    /// <summary>The assets with their versions.</summary>
    public required IReadOnlyList<SeededAsset> Assets { get; init; }

    /// <summary>The variables of every environment.</summary>
    public required IReadOnlyList<VariableRecord> Variables { get; init; }

    /// <summary>The build of every function and asset version (completed unless <see cref="ScenarioOptions.CompleteBuild"/> was false).</summary>
    public required BuildRecord Build { get; init; }

    /// <summary>The deployments of the build, in the order of <see cref="ScenarioOptions.DeployTo"/>.</summary>
    public required IReadOnlyList<DeploymentRecord> Deployments { get; init; }

    /// <summary>The environment with this unique name or SID.</summary>
    /// <exception cref="KeyNotFoundException">The scenario has no such environment.</exception>
    public EnvironmentRecord Environment(string uniqueNameOrSid) =>
        Environments.FirstOrDefault(e => e.UniqueName == uniqueNameOrSid || e.Sid == uniqueNameOrSid)
        ?? throw new KeyNotFoundException(
            $"The scenario has no environment '{uniqueNameOrSid}'; it has {string.Join(", ", Environments.Select(e => $"'{e.UniqueName}'"))}.");

    /// <summary>The variables of one environment (unique name or SID) as a dictionary.</summary>
    public IReadOnlyDictionary<string, string> VariablesOf(string environment)
    {
        var sid = Environment(environment).Sid;
        return Variables.Where(v => v.EnvironmentSid == sid).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
    }
}
