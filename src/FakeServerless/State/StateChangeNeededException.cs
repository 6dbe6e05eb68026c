namespace FakeServerless.State;

/// <summary>
/// A read found that it would change state (a look that moves a build on): thrown before anything changed, so the caller can
/// run it again as a write (in durable mode: logged before it is applied). Never reaches a client.
/// </summary>
internal sealed class StateChangeNeededException : Exception
{
    public StateChangeNeededException()
        : base("This read would change state; run it as a write.")
    {
    }
}
