namespace FakeServerless.State;

/// <summary>
/// What the state reads of the fake's options, taken once at start (the engine builds it from its private copy of
/// <c>FakeServerlessOptions</c>): the state layer never sees the public options type, which belongs to the layers above.
/// </summary>
/// <param name="Seed">Seeds the SID generator and the API key store; the same seed gives the same SIDs.</param>
/// <param name="TimeProvider">The fake's clock (in durable mode wrapped so the write path can pin "now").</param>
/// <param name="DefaultRuntime">The runtime of a build created without one.</param>
/// <param name="BuildCompletion">How a new build reaches <c>completed</c>.</param>
/// <param name="AccountSid">The configured account, the only one accepted when <paramref name="RequireExactCredentials"/> is on.</param>
/// <param name="AuthToken">The configured auth token: it signs domain requests.</param>
/// <param name="RequireExactCredentials">Only the configured account may act (API keys of other accounts are refused).</param>
internal sealed record StateSettings(
    int Seed,
    TimeProvider TimeProvider,
    string DefaultRuntime,
    BuildCompletion BuildCompletion,
    string AccountSid,
    string AuthToken,
    bool RequireExactCredentials);
