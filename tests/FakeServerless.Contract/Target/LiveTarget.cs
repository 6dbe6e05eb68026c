using Twilio.Clients;
using Twilio.Http;

namespace FakeServerless.Contract.Target;

/// <summary>
/// A real Twilio account through plain <see cref="System.Net.Http.HttpClient"/>s: .NET's defaults apply, so
/// <c>HTTPS_PROXY</c> and (on Linux) <c>SSL_CERT_FILE</c> are honoured and no host is rewritten.
/// </summary>
internal sealed class LiveTarget(string accountSid, string authToken) : ContractTarget
{
    private TwilioRestClient? _twilio;
    private System.Net.Http.HttpClient? _sdkHttp;

    public override string AccountSid { get; } = accountSid;

    public override string AuthToken { get; } = authToken;

    public override bool IsLive => true;

    public override FakeServerlessServer? Fake => null;

    /// <summary>Real builds take seconds to minutes.</summary>
    public override TimeSpan BuildTimeout => TimeSpan.FromMinutes(10);

    public override TimeSpan PollInterval => TimeSpan.FromSeconds(2);

    public override TwilioRestClient Twilio => _twilio ??= new TwilioRestClient(AccountSid, AuthToken, httpClient: new SystemNetHttpClient(_sdkHttp = CreateHttpClient()));

    protected override System.Net.Http.HttpClient CreateHttpClient() => new();

    public override void Dispose()
    {
        base.Dispose();
        _sdkHttp?.Dispose();
    }
}
