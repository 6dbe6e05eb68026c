namespace FakeServerless.State;

/// <summary>Functions and Assets: one set of rules for both kinds.</summary>
internal sealed partial class AccountState
{
    public CodeNode<TRecord, TVersion> FindCode<TRecord, TVersion>(CodeKind<TRecord, TVersion> kind, ServiceNode service, string sid)
        where TRecord : class
        where TVersion : class =>
        kind.ListOf(service).TryGet(sid, out var node) ? node : throw ServerlessException.NotFound();

    public TRecord CreateCode<TRecord, TVersion>(CodeKind<TRecord, TVersion> kind, ServiceNode service, string friendlyName)
        where TRecord : class
        where TVersion : class
    {
        ValidateFriendlyName(friendlyName);
        var record = kind.Create(new NewCode(NewSid(SidPrefix.FunctionOrAsset), AccountSid, service.Record.Sid, friendlyName, Now));
        kind.ListOf(service).Add(new CodeNode<TRecord, TVersion>(record, kind.VersionSid));
        return record;
    }

    public TRecord UpdateCode<TRecord, TVersion>(CodeKind<TRecord, TVersion> kind, ServiceNode service, string sid, string friendlyName)
        where TRecord : class
        where TVersion : class
    {
        var node = FindCode(kind, service, sid);
        ValidateFriendlyName(friendlyName);
        node.Record = kind.Rename(node.Record, friendlyName, Now);
        return node.Record;
    }

    /// <summary>Deletes a function or asset and its versions, unless one of them is in a build live in an environment.</summary>
    public void DeleteCode<TRecord, TVersion>(CodeKind<TRecord, TVersion> kind, ServiceNode service, string sid)
        where TRecord : class
        where TVersion : class
    {
        FindCode(kind, service, sid);
        if (LiveBuilds(service).Any(b => kind.ParentsInBuild(b).Contains(sid, StringComparer.Ordinal)))
        {
            throw ServerlessException.Conflict(
                $"{kind.Name} {sid} cannot be deleted: one of its Versions is in a Build that is deployed to an Environment.");
        }

        kind.ListOf(service).Remove(sid);
    }

    public TVersion FindCodeVersion<TRecord, TVersion>(CodeNode<TRecord, TVersion> code, string versionSid)
        where TRecord : class
        where TVersion : class =>
        code.Versions.TryGet(versionSid, out var record) ? record : throw ServerlessException.NotFound();

    public TVersion CreateCodeVersion<TRecord, TVersion>(
        CodeKind<TRecord, TVersion> kind, ServiceNode service, CodeNode<TRecord, TVersion> code, string path, Visibility visibility, ReadOnlyMemory<byte> content, string contentType)
        where TRecord : class
        where TVersion : class
    {
        var normalized = NormalizePath(path);
        var record = kind.CreateVersion(new NewCodeVersion(
            NewSid(SidPrefix.Version), AccountSid, service.Record.Sid, kind.Sid(code.Record), normalized, visibility, content, contentType, Now));
        code.Versions.Add(record);
        return record;
    }

    private IEnumerable<BuildRecord> LiveBuilds(ServiceNode service) =>
        service.Environments.Items
            .Select(e => e.Record.BuildSid)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Select(sid => service.Builds.TryGet(sid, out var build) ? build.Record : null)
            .OfType<BuildRecord>();

    private static void ValidateFriendlyName(string friendlyName)
    {
        RequireNotBlank("FriendlyName", friendlyName);
        RequireLength("FriendlyName", friendlyName, 255);
    }

    /// <summary>Twilio prepends a missing leading slash; paths are at most 255 characters.</summary>
    private static string NormalizePath(string path)
    {
        RequireNotBlank("Path", path);
        var normalized = path.StartsWith('/') ? path : "/" + path;
        RequireLength("Path", normalized, 255);
        if (normalized.IndexOfAny(['#', ';', ',', '?', ':', '@', '+', '&', '$', '(', ')', '\'', '"', ' ']) >= 0)
        {
            throw ServerlessException.Invalid($"Path {normalized} contains a character that is not allowed (one of # ; , ? : @ + & $ ( ) ' \" or space).");
        }

        return normalized;
    }
}
