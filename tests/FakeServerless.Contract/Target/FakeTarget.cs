using Twilio.Clients;
using Twilio.Http;

namespace FakeServerless.Contract.Target;

/// <summary>A fresh in-memory fake; the SDK and raw clients reach it through its handler (no port, no proxy).</summary>
internal sealed class FakeTarget : ContractTarget
{
    private readonly FakeServerlessServer _fake;
    private TwilioRestClient? _twilio;

    public FakeTarget(Action<FakeServerlessOptions>? configure)
    {
        var options = new FakeServerlessOptions();
        configure?.Invoke(options);
        _fake = FakeServerlessServer.StartInMemory(options);
    }

    public override string AccountSid => _fake.AccountSid;

    public override string AuthToken => _fake.AuthToken;

    public override bool IsLive => false;

    public override FakeServerlessServer Fake => _fake;

    public override TimeSpan BuildTimeout => TimeSpan.FromSeconds(30);

    public override TimeSpan PollInterval => TimeSpan.Zero;

    public override TwilioRestClient Twilio => _twilio ??= new TwilioRestClient(AccountSid, AuthToken, httpClient: new SystemNetHttpClient(_fake.CreateHttpClient()));

    protected override System.Net.Http.HttpClient CreateHttpClient() => _fake.CreateHttpClient();

    public override void Dispose()
    {
        base.Dispose();
        _fake.Dispose();
    }
}
