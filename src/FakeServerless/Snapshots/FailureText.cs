using System.Runtime.CompilerServices;

namespace FakeServerless.Snapshots;

/// <summary>
/// The text of a validation failure, formatted only when the condition it comes with is false: a check that passes (the usual
/// case, once per record of a large state) allocates nothing.
/// </summary>
[InterpolatedStringHandler]
internal ref struct FailureText
{
    private DefaultInterpolatedStringHandler _inner;
    private readonly bool _enabled;

    public FailureText(int literalLength, int formattedCount, bool condition, out bool shouldAppend)
    {
        _enabled = shouldAppend = !condition;
        _inner = shouldAppend ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    public void AppendLiteral(string value) => _inner.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _inner.AppendFormatted(value);

    public void AppendFormatted(string? value) => _inner.AppendFormatted(value);

    public string ToStringAndClear() => _enabled ? _inner.ToStringAndClear() : string.Empty;
}
