namespace FakeServerless.Messages;

/// <summary>
/// What may become an HTTP header (RFC 9110): checked when a value comes in, so nothing the fake stores can later put a line
/// break, a control character or a non-ASCII byte on the wire (header injection, response splitting). Everything the fake keeps
/// for a header goes through here: version uploads' content types, canned functions' content types and headers. Going out,
/// <see cref="HeaderValues.MakeWritable"/> is the last line of defence behind it.
/// </summary>
internal static class HeaderText
{
    /// <summary>The content type of an asset whose stored type is not one (an imported state may hold anything).</summary>
    public const string FallbackContentType = HeaderValues.FallbackContentType;

    /// <summary>The longest content type kept (far above any real one).</summary>
    public const int MaxContentTypeLength = 1024;

    /// <summary>A description of a valid media type, for error messages.</summary>
    public const string MediaTypeRule =
        "a media type such as text/html; charset=utf-8 (type/subtype of ASCII letters, digits and !#$%&'*+-.^_`|~, then optional ;name=value parameters)";

    /// <summary>A description of a valid header value, for error messages.</summary>
    public const string FieldValueRule = "printable ASCII (no line breaks, control characters or non-ASCII letters)";

    /// <summary>An RFC 9110 token: one or more of ASCII letters, digits and <c>!#$%&amp;'*+-.^_`|~</c>.</summary>
    public static bool IsToken(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!IsTokenChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A header value the fake will write: printable ASCII, spaces and tabs inside, none at either end.</summary>
    public static bool IsFieldValue(string? value)
    {
        if (value is null)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is not ((>= '\u0021' and <= '\u007e') or ' ' or '\t'))
            {
                return false;
            }
        }

        return value.Length == 0 || (value[0] is not (' ' or '\t') && value[^1] is not (' ' or '\t'));
    }

    /// <summary><c>type/subtype</c> with optional <c>; name=value</c> parameters (a token or a quoted string), ASCII only.</summary>
    public static bool IsMediaType(string? value)
    {
        if (value is null || value.Length is 0 or > MaxContentTypeLength)
        {
            return false;
        }

        var i = 0;
        if (!Token(value, ref i) || !Expect(value, ref i, '/') || !Token(value, ref i))
        {
            return false;
        }

        while (true)
        {
            SkipSpace(value, ref i);
            if (i == value.Length)
            {
                return true;
            }

            if (!Expect(value, ref i, ';'))
            {
                return false;
            }

            SkipSpace(value, ref i);
            if (!Token(value, ref i) || !Expect(value, ref i, '=') || !(QuotedString(value, ref i) || Token(value, ref i)))
            {
                return false;
            }
        }
    }

    /// <summary>The content type to serve for <paramref name="stored"/>: itself when it is a media type, else <see cref="FallbackContentType"/>.</summary>
    public static string ServedContentType(string? stored) => IsMediaType(stored) ? stored! : FallbackContentType;

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    private static bool Token(string text, ref int i)
    {
        var start = i;
        while (i < text.Length && IsTokenChar(text[i]))
        {
            i++;
        }

        return i > start;
    }

    private static bool Expect(string text, ref int i, char c)
    {
        if (i < text.Length && text[i] == c)
        {
            i++;
            return true;
        }

        return false;
    }

    private static void SkipSpace(string text, ref int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }
    }

    private static bool QuotedString(string text, ref int i)
    {
        if (i >= text.Length || text[i] != '"')
        {
            return false;
        }

        for (var j = i + 1; j < text.Length; j++)
        {
            var c = text[j];
            if (c == '"')
            {
                i = j + 1;
                return true;
            }

            if (c == '\\')
            {
                j++;
                if (j >= text.Length || text[j] is not ((>= '\u0021' and <= '\u007e') or ' ' or '\t'))
                {
                    return false;
                }
            }
            else if (c is not ((>= '\u0021' and <= '\u007e') or ' ' or '\t'))
            {
                return false;
            }
        }

        return false;
    }
}
