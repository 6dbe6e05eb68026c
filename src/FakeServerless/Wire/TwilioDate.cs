using System.Globalization;
using System.Text.Json;

namespace FakeServerless.Wire;

/// <summary>Twilio's date format: ISO 8601, UTC, whole seconds, <c>Z</c> (and the 2010 API's RFC 2822 form).</summary>
internal static class TwilioDate
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>UTF-8 bytes of <see cref="Pattern"/>'s output: always 20 (a DateTime's year has 4 digits).</summary>
    private const int Length = 20;

    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>The 2010 API's form, RFC 2822 in GMT: <c>Thu, 30 Jul 2015 20:00:00 +0000</c>.</summary>
    public static string Rfc2822(DateTimeOffset value) => value.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    /// <summary>Writes <paramref name="value"/> as <see cref="Format"/> does, straight into the writer (no string).</summary>
    public static void Write(Utf8JsonWriter w, string key, DateTimeOffset value)
    {
        Span<byte> text = stackalloc byte[Length];
        value.UtcDateTime.TryFormat(text, out var written, Pattern, CultureInfo.InvariantCulture);
        w.WriteString(key, text[..written]);
    }

    public static bool TryParse(string value, out DateTimeOffset result) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out result);
}
