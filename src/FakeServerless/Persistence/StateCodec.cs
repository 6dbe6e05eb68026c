using System.Text.Json;
using FakeServerless.State;

namespace FakeServerless.Persistence;

/// <summary>How durable mode snapshots the whole state: the backend's versioned export, and its import.</summary>
/// <param name="Version">The export format this fake writes; a snapshot with a higher one is refused.</param>
/// <param name="Export">The whole state (every account, the SID generator's position, pending failures, domains) as bytes.</param>
/// <param name="Import">Replaces the whole state with an export.</param>
internal sealed record StateCodec(int Version, Func<byte[]> Export, Action<byte[]> Import)
{
    /// <summary>The backend's <see cref="FakeServerlessState"/> as UTF-8 JSON (the form the control API serves too).</summary>
    public static StateCodec For(ServerlessBackend backend) => new(
        FakeServerlessState.CurrentVersion,
        () => JsonSerializer.SerializeToUtf8Bytes(backend.Export(), FakeServerlessStateJson.Default.FakeServerlessState),
        bytes => backend.Import(JsonSerializer.Deserialize(bytes, FakeServerlessStateJson.Default.FakeServerlessState)
            ?? throw new ArgumentException("The snapshot is JSON null, not a fake's state.")));
}
