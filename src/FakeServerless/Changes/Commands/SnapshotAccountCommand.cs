namespace FakeServerless.Changes.Commands;

/// <summary>
/// <see cref="FakeServerlessAccount.Snapshot"/> when it finds a build the look finishes: the look is then a change (the build's
/// status and <c>date_updated</c>), made on the write path. A snapshot that moves nothing stays a read.
/// </summary>
internal sealed record SnapshotAccountCommand(string AccountSid) : StateCommand<ServerlessSnapshot>
{
    public override string AccountOf() => AccountSid;

    public override ServerlessSnapshot Apply(CommandTarget target) => target.Backend.Snapshot(AccountSid, mayChange: true);
}
