namespace FakeServerless;

/// <summary>One service in a <see cref="FakeServerlessState"/>, with its environments, functions, assets and builds.</summary>
public sealed class ExportedService
{
    /// <summary>The service.</summary>
    public required ServiceRecord Service { get; init; }

    /// <summary>Its environments.</summary>
    public required ExportedList<ExportedEnvironment> Environments { get; init; }

    /// <summary>Its functions and their versions.</summary>
    public required ExportedList<ExportedFunction> Functions { get; init; }

    /// <summary>Its assets and their versions (content included).</summary>
    public required ExportedList<ExportedAsset> Assets { get; init; }

    /// <summary>Its builds.</summary>
    public required ExportedList<ExportedBuild> Builds { get; init; }
}
