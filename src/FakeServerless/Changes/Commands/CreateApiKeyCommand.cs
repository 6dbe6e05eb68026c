namespace FakeServerless.Changes.Commands;

/// <summary>
/// <see cref="FakeServerlessServer.CreateApiKey"/> (and <c>POST /_fake/keys</c>). Durable mode logs it with the key already minted
/// (<see cref="Prepare"/>): the row carries the SID and secret, and replay adds that very key instead of drawing one again — a
/// client holding the key keeps it across a restart however keys are drawn (a source that never repeats included).
/// </summary>
/// <param name="AccountSid">The account that owns the key.</param>
/// <param name="Minted">The key, once minted (logged commands carry it); null makes one when applied (in memory).</param>
internal sealed record CreateApiKeyCommand(string AccountSid, ApiKey? Minted = null) : StateCommand<ApiKey>
{
    public override string AccountOf() => AccountSid;

    public override StateCommand<ApiKey> Prepare(CommandTarget target)
    {
        if (Minted is not null)
        {
            return this;
        }

        return this with { Minted = target.Backend.MintApiKey(AccountSid) };
    }

    public override ApiKey Apply(CommandTarget target) =>
        Minted is null
            ? target.Backend.CreateApiKey(AccountSid)
            : target.Backend.AddApiKey(Minted);
}
