namespace FakeServerless.State;

/// <summary>
/// Goes up on every change of the state (a SID or domain digit drawn, a record added, changed or removed, a build poll
/// counted, a pending failure set or taken, an account created or forgotten, a reset or import) and never goes down. It
/// outlives the state object a reset or import replaces. Durable mode compares it before and after a request to know whether
/// the request must be written to the data directory, and between requests to notice changes made from C#.
/// </summary>
internal sealed class MutationCounter
{
    private long _value;

    public long Value => Interlocked.Read(ref _value);

    public void Increment() => Interlocked.Increment(ref _value);
}
