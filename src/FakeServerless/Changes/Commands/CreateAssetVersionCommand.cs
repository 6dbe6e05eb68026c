using FakeServerless.State;

namespace FakeServerless.Changes.Commands;

/// <summary><see cref="FakeServerlessAccount.CreateAssetVersion"/>.</summary>
internal sealed record CreateAssetVersionCommand(
    string AccountSid, string Service, string AssetSid, string Path, byte[] Content, string ContentType, Visibility Visibility) : StateCommand<AssetVersionRecord>
{
    public override string AccountOf() => AccountSid;

    public override AssetVersionRecord Apply(CommandTarget target) =>
        target.Backend.CreateCodeVersion(CodeKinds.Asset, AccountSid, Service, AssetSid, Path, Visibility, Content, ContentType);
}
