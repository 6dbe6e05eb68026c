using System.Globalization;
using System.Text.Json;

namespace FakeServerless.Wire;

/// <summary>Twilio's date format: ISO 8601, UTC, whole seconds, <c>Z</c>.</summary>
internal static class TwilioDate
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Writes <paramref name="value"/> as <see cref="Format"/> does, straight into the writer (no string).</summary>
    public static void Write(Utf8JsonWriter w, string key, DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        Span<byte> text = stackalloc byte[20];
        if (!utc.TryFormat(text, out var written, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
        {
            w.WriteString(key, Format(value));
            return;
        }

        w.WriteString(key, text[..written]);
    }

    public static bool TryParse(string value, out DateTimeOffset result) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out result);
}
