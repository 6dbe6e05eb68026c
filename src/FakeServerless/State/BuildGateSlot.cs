namespace FakeServerless.State;

/// <summary>The backend's <see cref="IBuildGate"/>, if any: one slot that outlives the state objects a reset or import replaces.</summary>
internal sealed class BuildGateSlot
{
    public IBuildGate? Gate { get; set; }

    public bool IsPending(string buildSid) => Gate?.IsPending(buildSid) == true;
}
