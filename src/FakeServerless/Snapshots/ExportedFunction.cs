namespace FakeServerless;

/// <summary>One function in a <see cref="FakeServerlessState"/>, with its versions.</summary>
public sealed class ExportedFunction
{
    /// <summary>The function.</summary>
    public required FunctionRecord Function { get; init; }

    /// <summary>Its versions.</summary>
    public required ExportedList<FunctionVersionRecord> Versions { get; init; }
}
