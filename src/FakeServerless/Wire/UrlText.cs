namespace FakeServerless.Wire;

/// <summary>
/// A URL assembled in a caller's stack buffer, so writing a resource's <c>url</c> and <c>links</c> allocates nothing; it moves to
/// the heap only when a URL outgrows the buffer (a very long public base URL).
/// </summary>
internal ref struct UrlText
{
    /// <summary>Chars a stack buffer holds: a resource URL on a long host name fits well within it.</summary>
    public const int StackChars = 320;

    private Span<char> _chars;
    private int _length;

    public UrlText(Span<char> buffer)
    {
        _chars = buffer;
        _length = 0;
    }

    public readonly ReadOnlySpan<char> Span => _chars[.._length];

    public void Append(scoped ReadOnlySpan<char> text)
    {
        if (_length + text.Length > _chars.Length)
        {
            var larger = new char[Math.Max(_chars.Length * 2, _length + text.Length)];
            _chars[.._length].CopyTo(larger);
            _chars = larger;
        }

        text.CopyTo(_chars[_length..]);
        _length += text.Length;
    }
}
