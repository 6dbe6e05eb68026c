using System.Security.Cryptography;
using Twilio.Clients;
using Twilio.Http;

namespace FakeServerless.Contract.Target;

/// <summary>
/// A fresh in-memory fake; the SDK and raw clients reach it through its handler (no port, no proxy). Or, with
/// <c>FAKESERVERLESS_URL</c> set (<see cref="TryConnect"/>), a fake in another process scoped to a fresh random account of
/// its own, so tests share it without seeing each other; that account is reset when the test ends.
/// </summary>
internal sealed class FakeTarget : ContractTarget
{
    private readonly FakeServerlessServer _fake;
    private readonly bool _remote;
    private TwilioRestClient? _twilio;

    public FakeTarget(Action<FakeServerlessOptions>? configure)
    {
        var options = new FakeServerlessOptions();
        configure?.Invoke(options);
        _fake = FakeServerlessServer.StartInMemory(options);
    }

    private FakeTarget(FakeServerlessServer remote)
    {
        _fake = remote;
        _remote = true;
    }

    /// <summary>The remote fake for a test whose options are the defaults (a shared fake cannot take options of one test), else null.</summary>
    public static FakeTarget? TryConnect(Action<FakeServerlessOptions>? configure)
    {
        var options = new FakeServerlessOptions();
        configure?.Invoke(options);
        var defaults = new FakeServerlessOptions();
        var wantsItsOwn = options.BuildCompletion != defaults.BuildCompletion || options.TimeProvider != defaults.TimeProvider ||
            options.RequireExactCredentials || options.DefaultRuntime != defaults.DefaultRuntime || options.AccountSid != defaults.AccountSid ||
            options.AuthToken != defaults.AuthToken || options.Seed != defaults.Seed || options.JournalCapacity != defaults.JournalCapacity ||
            options.MaxFormBodyBytes != defaults.MaxFormBodyBytes || options.MaxUploadBodyBytes != defaults.MaxUploadBodyBytes || options.PublicBaseUrl is not null;
        return wantsItsOwn
            ? null
            : FakeServerlessServer.ConnectFromEnvironment("AC" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))) is { } fake ? new FakeTarget(fake) : null;
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
        if (_remote)
        {
            _fake.Reset(); // scoped: forgets only this test's account
        }

        _fake.Dispose();
    }
}
