namespace FakeServerless.Changes.Commands;

/// <summary><see cref="FakeServerlessServer.Reset()"/>: forgets every account; SIDs start again from the seed.</summary>
internal sealed record ResetCommand : StateCommand<bool>
{
    public override string? AccountOf() => null;

    public override bool ReplacesState() => true;

    public override bool Apply(CommandTarget target)
    {
        target.Backend.Reset();
        return true;
    }
}
