using System.Text.Json;
using FakeServerless.Wire;
using Twilio.Clients;
using Twilio.Http;

namespace FakeServerless.Tests.Remote;

/// <summary>
/// A fake on a real port with its control API on (<see cref="Local"/>, standing in for a fake in another process), and
/// <see cref="Remote"/>, the same fake reached through <see cref="FakeServerlessServer.Connect"/>: tests act through the remote one
/// and check what the fake itself holds.
/// </summary>
[Parallelizable(ParallelScope.All)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public abstract class RemoteTestBase : IDisposable
{
    private FakeServerlessServer? _local;
    private FakeServerlessServer? _remote;

    protected FakeServerlessServer Local => _local ??= FakeServerlessServer.Start(Configure(new FakeServerlessOptions { EnableControlApi = true, Seed = 7 }));

    protected FakeServerlessServer Remote => _remote ??= FakeServerlessServer.Connect(Local.Url, Local.Options.ControlToken);

    protected virtual FakeServerlessOptions Configure(FakeServerlessOptions options) => options;

    /// <summary>The Twilio SDK wired to <paramref name="fake"/> as a user would wire it, as <paramref name="accountSid"/> (default: the fake's).</summary>
    protected static TwilioRestClient Twilio(FakeServerlessServer fake, string? accountSid = null) =>
        new(accountSid ?? fake.AccountSid, fake.AuthToken, httpClient: new SystemNetHttpClient(fake.CreateHttpClient()));

    /// <summary>A snapshot as JSON: records hold lists, so two equal snapshots are compared by what they say.</summary>
    protected static string Json(ServerlessSnapshot snapshot) => JsonSerializer.Serialize(snapshot, RecordJson.Default.ServerlessSnapshot);

    public void Dispose()
    {
        _remote?.Dispose();
        _local?.Dispose();
        GC.SuppressFinalize(this);
    }
}
