namespace FakeServerless.Changes.Commands;

/// <summary><c>POST /_fake/reset?AccountSid=</c> and a scope's reset: drops one account's state and API keys.</summary>
internal sealed record ForgetAccountCommand(string AccountSid) : StateCommand<bool>
{
    public override string AccountOf() => AccountSid;

    public override bool Apply(CommandTarget target)
    {
        target.Backend.Forget(AccountSid);
        return true;
    }
}
