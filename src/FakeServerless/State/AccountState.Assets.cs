namespace FakeServerless.State;

internal sealed partial class AccountState
{
    public AssetNode FindAsset(ServiceNode service, string assetSid) =>
        service.Assets.TryGet(assetSid, out var node) ? node : throw ServerlessException.NotFound();

    public AssetRecord CreateAsset(ServiceNode service, string friendlyName)
    {
        ValidateFriendlyName(friendlyName);
        var now = Now;
        var record = new AssetRecord
        {
            Sid = NewSid(SidPrefix.FunctionOrAsset),
            AccountSid = AccountSid,
            ServiceSid = service.Record.Sid,
            FriendlyName = friendlyName,
            DateCreated = now,
            DateUpdated = now,
        };
        service.Assets.Add(new AssetNode(record));
        return record;
    }

    public AssetRecord UpdateAsset(ServiceNode service, string assetSid, string friendlyName)
    {
        var node = FindAsset(service, assetSid);
        ValidateFriendlyName(friendlyName);
        node.Record = node.Record with { FriendlyName = friendlyName, DateUpdated = Now };
        Context.Mutated();
        return node.Record;
    }

    /// <summary>Deletes an asset and its versions, unless one of them is in a build live in an environment.</summary>
    public void DeleteAsset(ServiceNode service, string assetSid)
    {
        FindAsset(service, assetSid);
        if (LiveBuilds(service).Any(b => b.AssetVersions.Any(v => v.AssetSid == assetSid)))
        {
            throw ServerlessException.Conflict(
                $"Asset {assetSid} cannot be deleted: one of its Versions is in a Build that is deployed to an Environment.");
        }

        service.Assets.Remove(assetSid);
        Context.Mutated();
    }

    public AssetVersionRecord FindAssetVersion(AssetNode asset, string versionSid) =>
        asset.Versions.TryGet(versionSid, out var record) ? record : throw ServerlessException.NotFound();

    public AssetVersionRecord CreateAssetVersion(AssetNode asset, string path, Visibility visibility, ReadOnlyMemory<byte> content, string contentType)
    {
        var record = new AssetVersionRecord
        {
            Sid = NewSid(SidPrefix.Version),
            AccountSid = AccountSid,
            ServiceSid = asset.Record.ServiceSid,
            AssetSid = asset.Record.Sid,
            Path = NormalizePath(path),
            Visibility = visibility,
            Content = content,
            ContentType = contentType,
            DateCreated = Now,
        };
        asset.Versions.Add(record);
        return record;
    }
}
