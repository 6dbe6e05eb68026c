namespace FakeServerless.Changes.Commands;

/// <summary><see cref="FakeServerlessServer.ImportState"/> (and <c>PUT /_fake/state</c>): replaces the whole state.</summary>
internal sealed record ImportStateCommand(FakeServerlessState State) : StateCommand<bool>
{
    public override string? AccountOf() => null;

    public override bool ReplacesState() => true;

    public override bool Apply(CommandTarget target)
    {
        target.Backend.Import(State);
        return true;
    }
}
