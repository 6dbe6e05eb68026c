using System.Globalization;
using System.Text;

namespace FakeServerless.Messages;

/// <summary>
/// Makes client-supplied text safe to keep and print: control characters percent-encoded (so a path can never start a new log
/// line) and long values cut short with a marker (so the journal and WireMock's log keep no large values).
/// </summary>
internal static class LogText
{
    /// <summary>The longest value kept whole in the journal or WireMock's request log.</summary>
    public const int MaxValueChars = 4096;

    private static bool AnyNeedsEscape(string text)
    {
        foreach (var c in text)
        {
            if (NeedsEscape(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Percent-encodes (UTF-8, <c>%0D</c> style) every C0 control character, DEL, every C1 control character and the Unicode line
    /// and paragraph separators; other text is kept as it is. The same text is returned when there is nothing to escape.
    /// </summary>
    public static string Escape(string text)
    {
        if (!AnyNeedsEscape(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.IsBmp && NeedsEscape((char)rune.Value))
            {
                var count = rune.EncodeToUtf8(utf8);
                for (var i = 0; i < count; i++)
                {
                    builder.Append('%').Append(utf8[i].ToString("X2", CultureInfo.InvariantCulture));
                }
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    /// <summary>Keeps the first <see cref="MaxValueChars"/> characters and a marker naming how many UTF-8 bytes were cut.</summary>
    public static string Truncate(string value)
    {
        if (value.Length <= MaxValueChars)
        {
            return value;
        }

        var cut = Encoding.UTF8.GetByteCount(value.AsSpan(MaxValueChars));
        return string.Concat(value.AsSpan(0, MaxValueChars), Marker(cut));
    }

    /// <summary>The marker that ends a truncated value: <c>…[truncated N bytes]</c>.</summary>
    public static string Marker(long cutBytes) => $"…[truncated {cutBytes.ToString(CultureInfo.InvariantCulture)} bytes]";

    private static bool NeedsEscape(char c) => char.IsControl(c) || c is '\u2028' or '\u2029';
}
