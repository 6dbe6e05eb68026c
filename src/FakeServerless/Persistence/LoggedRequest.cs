namespace FakeServerless.Persistence;

/// <summary>One state-changing request as the write log keeps it: enough to send it through the engine again.</summary>
internal sealed record LoggedRequest
{
    /// <summary>1, 2, 3, … with no gaps: the order the requests changed state in.</summary>
    public long Sequence { get; init; }

    /// <summary>The "now" the request was answered with (replay pins the clock to it).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Which engine replays it: <see cref="LoggedRequestKind.Api"/> (control API changes are snapshotted instead).</summary>
    public required string Kind { get; init; }

    public string? AccountSid { get; init; }

    public required string Method { get; init; }

    public required string Scheme { get; init; }

    public required string Host { get; init; }

    public required string Path { get; init; }

    public string Query { get; init; } = string.Empty;

    public string? ContentType { get; init; }

    public byte[] Body { get; init; } = [];

    public required string Transport { get; init; }
}
