namespace FakeServerless.Changes.Commands;

/// <summary><see cref="FakeServerlessServer.CreateApiKey"/> (and <c>POST /_fake/keys</c>).</summary>
internal sealed record CreateApiKeyCommand(string AccountSid) : StateCommand<ApiKey>
{
    public override string AccountOf() => AccountSid;

    public override ApiKey Apply(CommandTarget target) => target.Backend.CreateApiKey(AccountSid);
}
