namespace FakeServerless;

/// <summary>The <c>console</c> of a function invocation: each line becomes a Log record of the environment.</summary>
public sealed class FunctionConsole
{
    private readonly List<(string Level, string Message)> _lines = [];

    internal FunctionConsole() { }

    internal IReadOnlyList<(string Level, string Message)> Lines => _lines;

    /// <summary><c>console.log</c>: an <c>info</c> record.</summary>
    public void Log(string message) => Add("info", message);

    /// <summary><c>console.warn</c>: a <c>warn</c> record.</summary>
    public void Warn(string message) => Add("warn", message);

    /// <summary><c>console.error</c>: an <c>error</c> record.</summary>
    public void Error(string message) => Add("error", message);

    /// <summary>A line at <paramref name="level"/> (<c>info</c>, <c>warn</c> or <c>error</c>).</summary>
    internal void Add(string level, string message)
    {
        lock (_lines)
        {
            _lines.Add((level, message));
        }
    }
}
