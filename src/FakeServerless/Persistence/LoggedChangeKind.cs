namespace FakeServerless.Persistence;

/// <summary>How a logged change is made again on replay.</summary>
internal static class LoggedChangeKind
{
    /// <summary>A Twilio Serverless API request (<c>/v1/…</c>) on a route that changes state, replayed through its handler.</summary>
    public const string Api = "api";

    /// <summary>A change made from C# or the control API (<see cref="Changes.StateCommand"/>), replayed from its JSON.</summary>
    public const string Command = "command";
}
