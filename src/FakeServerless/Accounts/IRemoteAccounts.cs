using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace FakeServerless.Accounts;

/// <summary>
/// The accounts of a fake in another process, as <see cref="FakeServerlessAccount"/> reads and seeds them. Implemented in
/// <c>Remote/</c> over <c>/_fake/accounts/{AccountSid}/…</c> and <c>/_fake/builds/{Sid}/…</c>; the accounts' layer knows only this
/// contract, not the control client.
/// </summary>
internal interface IRemoteAccounts
{
    /// <summary>The account's snapshot.</summary>
    ServerlessSnapshot Snapshot(string accountSid);

    /// <inheritdoc cref="Snapshot"/>
    Task<ServerlessSnapshot> SnapshotAsync(string accountSid, CancellationToken cancellationToken);

    /// <summary>Creates a record in <paramref name="collection"/> from the fields <paramref name="fields"/> writes.</summary>
    T Create<T>(string accountSid, string collection, Action<Utf8JsonWriter> fields, JsonTypeInfo<T> type);

    /// <summary>Finishes a building build; false when it had already finished.</summary>
    bool FinishBuild(string buildSid, bool complete);
}
