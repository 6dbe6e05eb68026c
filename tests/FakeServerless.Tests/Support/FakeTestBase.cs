using System.Net.Http.Headers;
using System.Text;
using Twilio.Clients;
using Twilio.Http;
using SystemHttpClient = System.Net.Http.HttpClient;

namespace FakeServerless.Tests.Support;

/// <summary>
/// A fresh fake per test (on the fixture's transport), a Twilio SDK client wired to it, and a raw HttpClient with Basic auth.
/// Derived fixtures use <c>[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]</c> to run on both transports.
/// </summary>
[Parallelizable(ParallelScope.All)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public abstract class FakeTestBase : IDisposable
{
    protected FakeTestBase(FakeServerlessTransport transport = FakeServerlessTransport.Http)
    {
        Transport = transport;
    }

    protected FakeServerlessTransport Transport { get; }

    private FakeServerlessServer? _fake;

    protected FakeServerlessServer Fake => _fake ??= FakeServerlessServer.Start(Configure(new FakeServerlessOptions { Transport = Transport }));

    /// <summary>The Twilio SDK client, as a user would wire it.</summary>
    protected TwilioRestClient Twilio => _twilio ??= new TwilioRestClient(Fake.AccountSid, Fake.AuthToken, httpClient: new SystemNetHttpClient(Fake.CreateHttpClient()));

    private TwilioRestClient? _twilio;

    /// <summary>A raw client with the fake's Basic credentials; send requests to https://serverless.twilio.com/v1/….</summary>
    protected SystemHttpClient Http => _http ??= CreateRawClient(Fake.AccountSid, Fake.AuthToken);

    private SystemHttpClient? _http;

    /// <summary>Override to change the options of the fake a test starts.</summary>
    protected virtual FakeServerlessOptions Configure(FakeServerlessOptions options) => options;

    protected SystemHttpClient CreateRawClient(string? user, string? password)
    {
        var client = Fake.CreateHttpClient();
        client.BaseAddress = new Uri("https://serverless.twilio.com");
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        return client;
    }

    public void Dispose()
    {
        _fake?.Dispose();
        GC.SuppressFinalize(this);
    }
}
