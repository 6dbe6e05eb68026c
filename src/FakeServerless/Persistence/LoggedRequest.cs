using FakeServerless.Routing;

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

    /// <summary>The request as the engine took it (its headers are not logged: replay needs none).</summary>
    public required EngineRequest Request { get; init; }
}
