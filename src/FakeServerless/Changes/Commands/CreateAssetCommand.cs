using FakeServerless.State;

namespace FakeServerless.Changes.Commands;

/// <summary><see cref="FakeServerlessAccount.CreateAsset"/>.</summary>
internal sealed record CreateAssetCommand(string AccountSid, string Service, string FriendlyName) : StateCommand<AssetRecord>
{
    public override string AccountOf() => AccountSid;

    public override AssetRecord Apply(CommandTarget target) => target.Backend.CreateCode(CodeKinds.Asset, AccountSid, Service, FriendlyName);
}
