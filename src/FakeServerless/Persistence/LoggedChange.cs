using FakeServerless.Messages;

namespace FakeServerless.Persistence;

/// <summary>
/// One change of state as the write log keeps it, enough to make it again: an API request on a write route (replayed through its
/// handler), or a command from C# or the control API (its JSON, replayed through <see cref="Changes.StateCommand"/>).
/// </summary>
internal sealed record LoggedChange
{
    /// <summary>1, 2, 3, … with no gaps: the order the changes were applied in.</summary>
    public long Sequence { get; init; }

    /// <summary>The "now" the change was applied with (replay pins the clock to it).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary><see cref="LoggedChangeKind.Api"/> or <see cref="LoggedChangeKind.Command"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>The account it acted on, when it acted on one.</summary>
    public string? AccountSid { get; init; }

    /// <summary>
    /// An API request as the engine took it (its headers are not logged: replay needs none); for a command, a request to the
    /// fake itself: method <c>COMMAND</c>, the command's name as the path, its JSON as the body.
    /// </summary>
    public required EngineRequest Request { get; init; }
}
