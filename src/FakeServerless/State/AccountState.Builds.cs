namespace FakeServerless.State;

internal sealed partial class AccountState
{
    public BuildNode FindBuild(ServiceNode service, string buildSid) =>
        service.Builds.TryGet(buildSid, out var node) ? node : throw ServerlessException.NotFound();

    public BuildRecord CreateBuild(
        ServiceNode service,
        IReadOnlyList<string> functionVersionSids,
        IReadOnlyList<string> assetVersionSids,
        IReadOnlyList<BuildDependency> dependencies,
        string? runtime)
    {
        if (functionVersionSids.Count == 0 && assetVersionSids.Count == 0)
        {
            throw ServerlessException.Invalid("At least one Function Version or Asset Version is required for Build.");
        }

        runtime = string.IsNullOrEmpty(runtime) ? Context.Settings.DefaultRuntime : runtime;
        if (!BuildRuntimes.IsSupported(runtime))
        {
            throw ServerlessException.UnsupportedRuntime(runtime);
        }

        var functionVersions = functionVersionSids.Distinct(StringComparer.Ordinal).Select(sid =>
            service.Functions.Items.SelectMany(f => f.Versions.Items).FirstOrDefault(v => v.Sid == sid)
            ?? throw ServerlessException.Invalid($"FunctionVersions {sid} is not a Function Version of Service {service.Record.Sid}.")).ToList();
        var assetVersions = assetVersionSids.Distinct(StringComparer.Ordinal).Select(sid =>
            service.Assets.Items.SelectMany(a => a.Versions.Items).FirstOrDefault(v => v.Sid == sid)
            ?? throw ServerlessException.Invalid($"AssetVersions {sid} is not an Asset Version of Service {service.Record.Sid}.")).ToList();

        var now = Now;
        var record = new BuildRecord
        {
            Sid = NewSid(SidPrefix.Build),
            AccountSid = AccountSid,
            ServiceSid = service.Record.Sid,
            Status = BuildStatus.Building,
            FunctionVersions = functionVersions,
            AssetVersions = assetVersions,
            Dependencies = dependencies,
            Runtime = runtime,
            DateCreated = now,
            DateUpdated = now,
        };
        var outcome = Context.TakePendingFailure() ? BuildStatus.Failed : BuildStatus.Completed;
        service.Builds.Add(new BuildNode(record, Context.Settings.BuildCompletion, outcome, Context.BuildGate));
        return record;
    }

    /// <summary>Deletes a build, unless it is live in an environment.</summary>
    public void DeleteBuild(ServiceNode service, string buildSid)
    {
        FindBuild(service, buildSid);
        if (service.Environments.Items.Any(e => e.Record.BuildSid == buildSid))
        {
            throw ServerlessException.Conflict(
                $"Build {buildSid} cannot be deleted: it is deployed to an Environment. Deploy another build, or clear the Environment, first.");
        }

        service.Builds.Remove(buildSid);
    }
}
