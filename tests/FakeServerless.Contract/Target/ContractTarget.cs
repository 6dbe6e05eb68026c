using System.Net.Http.Headers;
using System.Text;
using Twilio.Clients;

namespace FakeServerless.Contract.Target;

/// <summary>
/// What a contract test talks to: a fresh in-process fake (the default) or a real Twilio account (<see cref="LiveSettings"/>).
/// The tests use only the Twilio SDK client and raw HTTPS clients from here, so the same code runs on both.
/// </summary>
internal abstract class ContractTarget : IDisposable
{
    /// <summary>The API host.</summary>
    public static readonly Uri ApiBase = new("https://serverless.twilio.com/v1/");

    /// <summary>The host the Twilio toolkit uploads versions to.</summary>
    public static readonly Uri UploadBase = new("https://serverless-upload.twilio.com/v1/");

    private HttpClient? _http;
    private HttpClient? _upload;

    public abstract string AccountSid { get; }

    public abstract string AuthToken { get; }

    /// <summary>True for a real account: fake-only controls are unavailable.</summary>
    public abstract bool IsLive { get; }

    /// <summary>The in-process fake, or null for a live account.</summary>
    public abstract FakeServerlessServer? Fake { get; }

    /// <summary>How long a build may take to finish.</summary>
    public abstract TimeSpan BuildTimeout { get; }

    /// <summary>The pause between two looks at a building build's status.</summary>
    public abstract TimeSpan PollInterval { get; }

    /// <summary>The Twilio SDK client, as a user would wire it for this target.</summary>
    public abstract TwilioRestClient Twilio { get; }

    /// <summary>A raw client with the account's Basic credentials and <see cref="ApiBase"/> as base address.</summary>
    public HttpClient Http => _http ??= CreateRawClient(ApiBase, AccountSid, AuthToken);

    /// <summary>A raw client with the account's Basic credentials and <see cref="UploadBase"/> as base address.</summary>
    public HttpClient Upload => _upload ??= CreateRawClient(UploadBase, AccountSid, AuthToken);

    /// <summary>The target's fake if it is one, else the test is ignored with <paramref name="reason"/>.</summary>
    public FakeServerlessServer RequireFake(string reason) =>
        Fake ?? throw new IgnoreException($"Fake-only ({reason}); skipped against a live Twilio account.");

    /// <summary>A raw client with any Basic credentials (none when <paramref name="user"/> is null).</summary>
    public HttpClient CreateRawClient(Uri baseAddress, string? user, string? password)
    {
        var client = CreateHttpClient();
        client.BaseAddress = baseAddress;
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        }

        return client;
    }

    /// <summary>A client that reaches the target's hosts by their real names.</summary>
    protected abstract HttpClient CreateHttpClient();

    /// <summary>
    /// Live when both variables are set; else, with <c>FAKESERVERLESS_URL</c> set and default options, a fresh account on that fake;
    /// else a fresh fake configured by <paramref name="configure"/>.
    /// </summary>
    public static ContractTarget Create(Action<FakeServerlessOptions>? configure)
    {
        if (LiveSettings.IsHalfConfigured)
        {
            throw new InvalidOperationException($"Only one of {LiveSettings.AccountSidVariable} and {LiveSettings.AuthTokenVariable} is set; set both for a live run or neither for the fake.");
        }

        return LiveSettings.IsConfigured
            ? new LiveTarget(LiveSettings.AccountSid!, LiveSettings.AuthToken!)
            : FakeTarget.TryConnect(configure) ?? new FakeTarget(configure);
    }

    public virtual void Dispose()
    {
        _http?.Dispose();
        _upload?.Dispose();
    }
}
