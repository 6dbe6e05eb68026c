using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FakeServerless.Accounts;
using FakeServerless.Clock;
using FakeServerless.Faults;
using FakeServerless.Journal;
using FakeServerless.Wire;

namespace FakeServerless.Remote;

/// <summary>
/// The far side of a <see cref="FakeServerlessServer"/> made by <see cref="FakeServerlessServer.Connect"/>: every member the
/// in-process fake answers from its engine, answered by the control API of a fake in another process. Scoped to one account
/// (<see cref="ScopeAccountSid"/>), the journal, faults, reset and export see only that account.
/// </summary>
internal sealed class RemoteFake : IRemoteClock, IRemoteJournal, IRemoteFaults, IRemoteAccounts, IDisposable
{
    private RemoteSettings? _settings;
    private readonly Lazy<VirtualClock?> _clock;

    public RemoteFake(Uri baseAddress, string? controlToken, string? scopeAccountSid)
    {
        Control = new ControlClient(baseAddress, controlToken);
        ControlToken = controlToken;
        ScopeAccountSid = scopeAccountSid;
        _clock = new Lazy<VirtualClock?>(() => Settings.VirtualClock ? new VirtualClock(this) : null);
    }

    public ControlClient Control { get; }

    public Uri BaseAddress => Control.BaseAddress;

    public string? ControlToken { get; }

    /// <summary>The one account this fake is scoped to, or null for the whole fake.</summary>
    public string? ScopeAccountSid { get; }

    /// <summary>The fake's settings, read on first use (a fake's settings never change while it runs).</summary>
    public RemoteSettings Settings => _settings ??= RemoteSettings.Parse(Control.Send(HttpMethod.Get, "/_fake/settings"));

    /// <summary>The default account: the scope's, or the fake's own.</summary>
    public string AccountSid => ScopeAccountSid ?? Settings.AccountSid;

    /// <summary>Reads the settings without blocking a thread (<see cref="FakeServerlessServer.ConnectAsync"/>).</summary>
    public async Task LoadSettingsAsync(CancellationToken cancellationToken)
    {
        // Two first uses at once both read them: the same answer either way.
        _settings ??= RemoteSettings.Parse(await Control.SendAsync(HttpMethod.Get, "/_fake/settings", null, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Options that describe the remote fake as far as a client can know them.</summary>
    public FakeServerlessOptions Options() => new()
    {
        AccountSid = Settings.AccountSid,
        AuthToken = Settings.AuthToken,
        RequireExactCredentials = Settings.RequireExactCredentials,
        Seed = Settings.Seed,
        JournalCapacity = Settings.JournalCapacity,
        TimeProvider = _clock.Value ?? TimeProvider.System,
        EnableControlApi = true,
        ControlToken = ControlToken,
        PublicBaseUrl = BaseAddress,
    };

    /// <summary>Its data directory as its health reports it; <see cref="PersistenceInfo.Problem"/> asks the health again each time.</summary>
    public PersistenceInfo Persistence() => new(Health().DataDirectory, [], () => Health().Problem);

    private (string? DataDirectory, string? Problem) Health()
    {
        // 503 "degraded" is an answer here, not a failure: its reason is what Persistence.Problem reports.
        using var document = JsonDocument.Parse(Control.Send(HttpMethod.Get, "/_fake/health", alsoAccept: 503));
        var root = document.RootElement;
        return (root.GetProperty("persistence").GetProperty("path").GetString(), root.TryGetProperty("reason", out var reason) ? reason.GetString() : null);
    }

    // The journal

    public IReadOnlyList<JournalEntry> Journal(string? owner) => RemoteJson.JournalEntries(Control.Send(HttpMethod.Get, JournalPath(owner)));

    public async Task<IReadOnlyList<JournalEntry>> JournalAsync(string? owner, CancellationToken cancellationToken) =>
        RemoteJson.JournalEntries(await Control.SendAsync(HttpMethod.Get, JournalPath(owner), null, cancellationToken).ConfigureAwait(false));

    public void ClearJournal(string? accountSid) => Control.Send(HttpMethod.Delete, "/_fake/journal" + AccountQuery(accountSid));

    // Faults

    public FaultRule AddFault(string? operation, string? accountSid) => ReadRule(Control.Send(HttpMethod.Post, "/_fake/faults", ControlClient.Json(w =>
    {
        w.WriteString("operation", operation);
        w.WriteString("account_sid", accountSid);
        w.WriteBoolean("pass_through", true);
    })));

    public void UpdateFault(string id, Action<Utf8JsonWriter> fields) =>
        Control.Send(HttpMethod.Patch, "/_fake/faults/" + Uri.EscapeDataString(id), ControlClient.Json(fields));

    public (IReadOnlyList<FaultRule> Rules, int? RateLimit, string? RateLimitAccountSid) Faults()
    {
        using var document = JsonDocument.Parse(Control.Send(HttpMethod.Get, "/_fake/faults"));
        var rules = document.RootElement.GetProperty("faults").EnumerateArray().Select(r => RemoteJson.FaultRule(this, r)).ToArray();
        var limit = document.RootElement.GetProperty("rate_limit");
        return (rules, RemoteJson.Int(limit, "requests_per_second"), limit.GetProperty("account_sid").GetString());
    }

    public void SetRateLimit(int? requestsPerSecond, string? accountSid) => Control.Send(HttpMethod.Put, "/_fake/rate-limit", ControlClient.Json(w =>
    {
        if (requestsPerSecond is { } limit)
        {
            w.WriteNumber("requests_per_second", limit);
        }
        else
        {
            w.WriteNull("requests_per_second");
        }

        w.WriteString("account_sid", accountSid);
    }));

    public bool RemoveFault(string id)
    {
        try
        {
            Control.Send(HttpMethod.Delete, "/_fake/faults/" + Uri.EscapeDataString(id));
            return true;
        }
        catch (FakeServerlessControlException ex) when (ex.Status == 404)
        {
            return false;
        }
    }

    public void ClearFaults(string? accountSid) => Control.Send(HttpMethod.Delete, "/_fake/faults" + AccountQuery(accountSid));

    // Accounts

    public ServerlessSnapshot Snapshot(string accountSid) => Control.Get(SnapshotPath(accountSid), RecordJson.Default.ServerlessSnapshot);

    public Task<ServerlessSnapshot> SnapshotAsync(string accountSid, CancellationToken cancellationToken) =>
        Control.GetAsync(SnapshotPath(accountSid), RecordJson.Default.ServerlessSnapshot, cancellationToken);

    /// <summary>Creates a record as <see cref="FakeServerlessAccount"/>'s method of the same name does, in the fake's process.</summary>
    public T Create<T>(string accountSid, string collection, Action<Utf8JsonWriter> fields, JsonTypeInfo<T> type) =>
        ControlClient.Read(Control.Send(HttpMethod.Post, $"/_fake/accounts/{Uri.EscapeDataString(accountSid)}/{collection}", ControlClient.Json(fields)), type);

    /// <summary>Finishes a building build; false when it had already finished (409).</summary>
    public bool FinishBuild(string buildSid, bool complete)
    {
        try
        {
            Control.Send(HttpMethod.Post, $"/_fake/builds/{Uri.EscapeDataString(buildSid)}/{(complete ? "complete" : "fail")}");
            return true;
        }
        catch (FakeServerlessControlException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    // The whole fake

    public ApiKey CreateApiKey(string accountSid) =>
        ControlClient.Read(Control.Send(HttpMethod.Post, "/_fake/keys", KeyBody(accountSid)), RecordJson.Default.ApiKey);

    public async Task<ApiKey> CreateApiKeyAsync(string accountSid, CancellationToken cancellationToken) =>
        ControlClient.Read(await Control.SendAsync(HttpMethod.Post, "/_fake/keys", KeyBody(accountSid), cancellationToken).ConfigureAwait(false), RecordJson.Default.ApiKey);

    public void FailNextBuild(int count) =>
        Control.Send(HttpMethod.Post, "/_fake/builds/fail-next", ControlClient.Json(w => w.WriteNumber("count", count)));

    public void MapCannedFunction(string path, FunctionResponse answer, string? scope) =>
        Control.Send(HttpMethod.Post, "/_fake/functions", ControlClient.Json(w =>
        {
            w.WriteString("path", path);
            w.WriteNumber("status", answer.StatusCode);
            w.WriteString("content_type", answer.ContentType);
            w.WriteString("body", answer.Body);
            w.WriteStartObject("headers");
            foreach (var (name, value) in answer.Headers)
            {
                w.WriteString(name, value);
            }

            w.WriteEndObject();
            w.WriteString("scope", scope);
        }));

    public FakeServerlessState ExportState() => FakeServerlessState.FromJsonUtf8(Control.Send(HttpMethod.Get, StatePath()));

    public async Task<FakeServerlessState> ExportStateAsync(CancellationToken cancellationToken) =>
        FakeServerlessState.FromJsonUtf8(await Control.SendAsync(HttpMethod.Get, StatePath(), null, cancellationToken).ConfigureAwait(false));

    public void ImportState(FakeServerlessState state) => Control.Send(HttpMethod.Put, "/_fake/state", ImportBody(state));

    public Task ImportStateAsync(FakeServerlessState state, CancellationToken cancellationToken) =>
        Control.SendAsync(HttpMethod.Put, "/_fake/state", ImportBody(state), cancellationToken);

    /// <summary>Resets the whole fake, or only <paramref name="accountSid"/> (state, journal entries, faults, function handlers).</summary>
    public void Reset(string? accountSid) => Control.Send(HttpMethod.Post, "/_fake/reset" + AccountQuery(accountSid));

    public Task ResetAsync(string? accountSid, CancellationToken cancellationToken) =>
        Control.SendAsync(HttpMethod.Post, "/_fake/reset" + AccountQuery(accountSid), null, cancellationToken);

    // The virtual clock

    public DateTimeOffset ClockNow() => ReadClock(Control.Send(HttpMethod.Get, "/_fake/clock"));

    public DateTimeOffset MoveClock(TimeSpan? advance, DateTimeOffset? now) => ReadClock(Control.Send(HttpMethod.Post, "/_fake/clock", ControlClient.Json(w =>
    {
        if (advance is { } delta)
        {
            w.WriteNumber("advance_seconds", delta.TotalSeconds);
        }
        else
        {
            w.WriteString("now", now!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        }
    })));

    public void Dispose() => Control.Dispose();

    private string StatePath() => "/_fake/state" + AccountQuery(ScopeAccountSid);

    private static string SnapshotPath(string accountSid) => $"/_fake/accounts/{Uri.EscapeDataString(accountSid)}/snapshot";

    private static string JournalPath(string? owner) => owner is null ? "/_fake/journal" : "/_fake/journal?Owner=" + Uri.EscapeDataString(owner);

    private static string AccountQuery(string? accountSid) => accountSid is null ? string.Empty : "?AccountSid=" + Uri.EscapeDataString(accountSid);

    private static byte[] KeyBody(string accountSid) => ControlClient.Json(w => w.WriteString("account_sid", accountSid));

    private static byte[] ImportBody(FakeServerlessState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.ToJsonUtf8();
    }

    private FaultRule ReadRule(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return RemoteJson.FaultRule(this, document.RootElement);
    }

    private static DateTimeOffset ReadClock(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return DateTimeOffset.Parse(document.RootElement.GetProperty("now").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }
}
