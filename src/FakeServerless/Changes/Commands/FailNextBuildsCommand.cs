namespace FakeServerless.Changes.Commands;

/// <summary><see cref="FakeServerlessServer.FailNextBuild"/>.</summary>
internal sealed record FailNextBuildsCommand(int Count) : StateCommand<bool>
{
    public override string? AccountOf() => null;

    public override bool Apply(CommandTarget target)
    {
        target.Backend.FailNextBuilds(Count);
        return true;
    }
}
