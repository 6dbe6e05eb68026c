namespace FakeServerless.Persistence;

/// <summary>How durable mode snapshots the whole state: the backend's versioned export, and its import.</summary>
/// <param name="Version">The export format this fake writes; a snapshot with a higher one is refused.</param>
/// <param name="Export">The whole state (every account, the SID generator, the clock) as bytes.</param>
/// <param name="Import">Replaces the whole state with an export.</param>
internal sealed record StateCodec(int Version, Func<byte[]> Export, Action<byte[]> Import);
