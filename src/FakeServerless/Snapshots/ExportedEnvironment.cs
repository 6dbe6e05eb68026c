namespace FakeServerless;

/// <summary>One environment in a <see cref="FakeServerlessState"/>, with its variables, deployments and logs.</summary>
public sealed class ExportedEnvironment
{
    /// <summary>The environment.</summary>
    public required EnvironmentRecord Environment { get; init; }

    /// <summary>Its variables.</summary>
    public required ExportedList<VariableRecord> Variables { get; init; }

    /// <summary>Its deployments.</summary>
    public required ExportedList<DeploymentRecord> Deployments { get; init; }

    /// <summary>Its logs.</summary>
    public required ExportedList<LogRecord> Logs { get; init; }
}
