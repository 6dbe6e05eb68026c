namespace FakeServerless.State;

/// <summary>The two-letter SID prefixes Twilio uses for Serverless resources.</summary>
internal static class SidPrefix
{
    public const string Account = "AC";
    public const string Service = "ZS";
    public const string Environment = "ZE";
    public const string Variable = "ZV";
    public const string Deployment = "ZD";
    public const string Log = "NO";
    public const string Request = "RQ";

    /// <summary>Functions and Assets share <c>ZH</c>.</summary>
    public const string FunctionOrAsset = "ZH";

    /// <summary>Function and Asset Versions share <c>ZN</c>.</summary>
    public const string Version = "ZN";

    public const string Build = "ZB";

    /// <summary>True when <paramref name="value"/> is <paramref name="prefix"/> followed by 32 hex digits (either case).</summary>
    public static bool IsSid(string? value, string prefix)
    {
        if (value is null || value.Length != 34 || !value.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = 2; i < 34; i++)
        {
            if (!char.IsAsciiHexDigit(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
