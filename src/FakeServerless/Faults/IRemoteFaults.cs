using System.Text.Json;

namespace FakeServerless.Faults;

/// <summary>
/// The faults of a fake in another process, as <see cref="FaultInjector"/> and <see cref="FaultRule"/> drive them. Implemented in
/// <c>Remote/</c> over <c>/_fake/faults</c> and <c>/_fake/rate-limit</c>; the faults' layer knows only this contract, not the
/// control client.
/// </summary>
internal interface IRemoteFaults
{
    /// <summary>The one account the remote fake is scoped to, or null for the whole fake.</summary>
    string? ScopeAccountSid { get; }

    /// <summary>Adds a rule that lets requests through until its fluent calls say otherwise.</summary>
    FaultRule AddFault(string? operation, string? accountSid);

    /// <summary>Changes the fields <paramref name="fields"/> writes on rule <paramref name="id"/>.</summary>
    void UpdateFault(string id, Action<Utf8JsonWriter> fields);

    /// <summary>Every rule, in the order they are checked, and the rate limit.</summary>
    (IReadOnlyList<FaultRule> Rules, int? RateLimit, string? RateLimitAccountSid) Faults();

    /// <summary>Sets the rate limit (null lifts it).</summary>
    void SetRateLimit(int? requestsPerSecond, string? accountSid);

    /// <summary>Removes rule <paramref name="id"/>; false when there is none.</summary>
    bool RemoveFault(string id);

    /// <summary>Removes every rule and the rate limit, or the rules of <paramref name="accountSid"/>.</summary>
    void ClearFaults(string? accountSid);
}
