using System.Globalization;

namespace FakeServerless.Wire;

/// <summary>Twilio's date format: ISO 8601, UTC, whole seconds, <c>Z</c>.</summary>
internal static class TwilioDate
{
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static bool TryParse(string value, out DateTimeOffset result) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out result);
}
