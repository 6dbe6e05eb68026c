namespace FakeServerless.Changes.Commands;

/// <summary><see cref="FakeServerlessAccount.CreateService"/>.</summary>
internal sealed record CreateServiceCommand(string AccountSid, string UniqueName, string FriendlyName, bool IncludeCredentials, bool UiEditable)
    : StateCommand<ServiceRecord>
{
    public override string AccountOf() => AccountSid;

    public override ServiceRecord Apply(CommandTarget target) =>
        target.Backend.CreateService(AccountSid, UniqueName, FriendlyName, IncludeCredentials, UiEditable);
}
