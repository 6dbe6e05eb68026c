namespace FakeServerless.Contract.Target;

/// <summary>The two environment variables that point the suite at a real Twilio account.</summary>
internal static class LiveSettings
{
    public const string AccountSidVariable = "FAKESERVERLESS_LIVE_ACCOUNT_SID";

    public const string AuthTokenVariable = "FAKESERVERLESS_LIVE_AUTH_TOKEN";

    /// <summary>Why a live-only test did not run.</summary>
    public const string MissingMessage = $"Set {AccountSidVariable} and {AuthTokenVariable} to run the contract suite against a real Twilio account.";

    public static string? AccountSid => Read(AccountSidVariable);

    public static string? AuthToken => Read(AuthTokenVariable);

    /// <summary>Both variables are set: every test talks to that account.</summary>
    public static bool IsConfigured => AccountSid is not null && AuthToken is not null;

    /// <summary>Exactly one is set: a mistake the suite refuses rather than silently testing the fake.</summary>
    public static bool IsHalfConfigured => (AccountSid is null) != (AuthToken is null);

    private static string? Read(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
