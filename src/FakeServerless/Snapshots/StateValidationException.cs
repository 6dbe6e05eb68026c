namespace FakeServerless.Snapshots;

/// <summary>
/// A state that <see cref="FakeServerlessServer.ImportState"/> (or <c>PUT /_fake/state</c>) refuses before anything changes, naming
/// the JSON path of the first bad value, such as <c>accounts[0].services.items[0].builds.items[2].build.function_versions</c>.
/// The control API answers it 400; the public methods (<see cref="FakeServerlessServer.ImportState"/>,
/// <see cref="FakeServerlessState.FromJson"/>…) throw it as a plain <see cref="ArgumentException"/> with the same message
/// (<see cref="ToArgumentException"/>), as they document.
/// </summary>
internal sealed class StateValidationException : ArgumentException
{
    public StateValidationException(string path, string problem)
        : base(path.Length == 0 ? $"The state is not valid: {problem}" : $"The state is not valid at {path}: {problem}")
    {
        Path = path;
    }

    /// <summary>The JSON path of the bad value (empty: the whole state).</summary>
    public string Path { get; }

    /// <summary>The public form: an <see cref="ArgumentException"/> with the same message, this as its inner exception.</summary>
    public ArgumentException ToArgumentException() => new(Message, this);
}
