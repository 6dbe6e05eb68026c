namespace FakeServerless.State;

internal sealed partial class AccountState
{
    public FunctionNode FindFunction(ServiceNode service, string functionSid) =>
        service.Functions.TryGet(functionSid, out var node) ? node : throw ServerlessException.NotFound();

    public FunctionRecord CreateFunction(ServiceNode service, string friendlyName)
    {
        ValidateFriendlyName(friendlyName);
        var now = Now;
        var record = new FunctionRecord
        {
            Sid = NewSid(SidPrefix.FunctionOrAsset),
            AccountSid = AccountSid,
            ServiceSid = service.Record.Sid,
            FriendlyName = friendlyName,
            DateCreated = now,
            DateUpdated = now,
        };
        service.Functions.Add(new FunctionNode(record));
        return record;
    }

    public FunctionRecord UpdateFunction(ServiceNode service, string functionSid, string friendlyName)
    {
        var node = FindFunction(service, functionSid);
        ValidateFriendlyName(friendlyName);
        node.Record = node.Record with { FriendlyName = friendlyName, DateUpdated = Now };
        Context.Mutated();
        return node.Record;
    }

    /// <summary>Deletes a function and its versions, unless one of them is in a build live in an environment.</summary>
    public void DeleteFunction(ServiceNode service, string functionSid)
    {
        FindFunction(service, functionSid);
        if (LiveBuilds(service).Any(b => b.FunctionVersions.Any(v => v.FunctionSid == functionSid)))
        {
            throw ServerlessException.Conflict(
                $"Function {functionSid} cannot be deleted: one of its Versions is in a Build that is deployed to an Environment.");
        }

        service.Functions.Remove(functionSid);
        Context.Mutated();
    }

    public FunctionVersionRecord FindFunctionVersion(FunctionNode function, string versionSid) =>
        function.Versions.TryGet(versionSid, out var record) ? record : throw ServerlessException.NotFound();

    public FunctionVersionRecord CreateFunctionVersion(FunctionNode function, string path, Visibility visibility, string content)
    {
        var record = new FunctionVersionRecord
        {
            Sid = NewSid(SidPrefix.Version),
            AccountSid = AccountSid,
            ServiceSid = function.Record.ServiceSid,
            FunctionSid = function.Record.Sid,
            Path = NormalizePath(path),
            Visibility = visibility,
            Content = content,
            DateCreated = Now,
        };
        function.Versions.Add(record);
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
