using FakeServerless.State;

namespace FakeServerless.Changes.Commands;

/// <summary>Node mode: the request SID (<c>RQ…</c>) of one function invocation, drawn from the account's seeded generator.</summary>
internal sealed record NextRequestSidCommand(string AccountSid, string ServiceSid, string EnvironmentSid) : StateCommand<string>
{
    public override string AccountOf() => AccountSid;

    public override string Apply(CommandTarget target) => target.Backend.NextRequestSid(new DomainEntry(AccountSid, ServiceSid, EnvironmentSid));
}
