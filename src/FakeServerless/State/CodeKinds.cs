using System.Text;

namespace FakeServerless.State;

/// <summary>The two kinds of code a service holds.</summary>
internal static class CodeKinds
{
    public static CodeKind<FunctionRecord, FunctionVersionRecord> Function { get; } = new()
    {
        Name = "Function",
        ListOf = static s => s.Functions,
        Sid = static r => r.Sid,
        VersionSid = static v => v.Sid,
        Create = static n => new FunctionRecord
        {
            Sid = n.Sid, AccountSid = n.AccountSid, ServiceSid = n.ServiceSid, FriendlyName = n.FriendlyName, DateCreated = n.Now, DateUpdated = n.Now,
        },
        Rename = static (r, name, now) => r with { FriendlyName = name, DateUpdated = now },
        CreateVersion = static n => new FunctionVersionRecord
        {
            Sid = n.Sid, AccountSid = n.AccountSid, ServiceSid = n.ServiceSid, FunctionSid = n.ParentSid, Path = n.Path,
            Visibility = n.Visibility, Content = Encoding.UTF8.GetString(n.Content.Span), DateCreated = n.Now,
        },
        ParentsInBuild = static b => b.FunctionVersions.Select(v => v.FunctionSid),
    };

    public static CodeKind<AssetRecord, AssetVersionRecord> Asset { get; } = new()
    {
        Name = "Asset",
        ListOf = static s => s.Assets,
        Sid = static r => r.Sid,
        VersionSid = static v => v.Sid,
        Create = static n => new AssetRecord
        {
            Sid = n.Sid, AccountSid = n.AccountSid, ServiceSid = n.ServiceSid, FriendlyName = n.FriendlyName, DateCreated = n.Now, DateUpdated = n.Now,
        },
        Rename = static (r, name, now) => r with { FriendlyName = name, DateUpdated = now },
        CreateVersion = static n => new AssetVersionRecord
        {
            Sid = n.Sid, AccountSid = n.AccountSid, ServiceSid = n.ServiceSid, AssetSid = n.ParentSid, Path = n.Path,
            Visibility = n.Visibility, Content = n.Content, ContentType = n.ContentType, DateCreated = n.Now,
        },
        ParentsInBuild = static b => b.AssetVersions.Select(v => v.AssetSid),
    };
}
