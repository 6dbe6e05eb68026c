namespace FakeServerless.Reliability.Support;

/// <summary>
/// A small state created first (service, function + version, build, environment, variable, deployment) whose every fetch must be
/// byte-identical after the fuzzing.
/// </summary>
internal sealed record Canary(string ServiceSid, string FunctionSid, string FunctionVersionSid, string BuildSid, string EnvironmentSid, string VariableSid, string DeploymentSid, string DomainName)
{
    public const string UniqueName = "canary";

    /// <summary>Every SID of the canary, for the fuzzer to aim at.</summary>
    public IReadOnlyList<string> Sids => [ServiceSid, FunctionSid, FunctionVersionSid, BuildSid, EnvironmentSid, VariableSid, DeploymentSid];

    public static async Task<Canary> CreateAsync(Api api)
    {
        var service = await api.CreateAsync("/Services", ("UniqueName", UniqueName), ("FriendlyName", "Canary"));
        var function = await api.CreateAsync($"/Services/{service}/Functions", ("FriendlyName", "hello"));
        var version = await api.UploadFunctionVersionAsync(service, function, "/hello", "exports.handler = (c, e, cb) => cb(null, 'canary');");
        var build = await api.CreateAsync($"/Services/{service}/Builds", ("FunctionVersions", version));
        var (_, environmentBody) = await api.PostAsync($"/Services/{service}/Environments", ("UniqueName", "production"), ("DomainSuffix", "prod"));
        var environment = Api.Field(environmentBody, "sid");
        var variable = await api.CreateAsync($"/Services/{service}/Environments/{environment}/Variables", ("Key", "GREETING"), ("Value", "hello"));
        var deployment = await api.CreateAsync($"/Services/{service}/Environments/{environment}/Deployments", ("BuildSid", build));
        return new Canary(service, function, version, build, environment, variable, deployment, Api.Field(environmentBody, "domain_name"));
    }

    /// <summary>Every fetch and list of the canary, as one text: equal text means equal state.</summary>
    public async Task<string> FetchAllAsync(Api api)
    {
        var s = $"/Services/{ServiceSid}";
        var e = $"{s}/Environments/{EnvironmentSid}";
        string[] paths =
        [
            "/Services", s, $"{s}/Functions", $"{s}/Functions/{FunctionSid}", $"{s}/Functions/{FunctionSid}/Versions",
            $"{s}/Functions/{FunctionSid}/Versions/{FunctionVersionSid}", $"{s}/Functions/{FunctionSid}/Versions/{FunctionVersionSid}/Content",
            $"{s}/Assets", $"{s}/Builds", $"{s}/Builds/{BuildSid}", $"{s}/Builds/{BuildSid}/Status", $"{s}/Environments", e,
            $"{e}/Variables", $"{e}/Variables/{VariableSid}", $"{e}/Deployments", $"{e}/Deployments/{DeploymentSid}",
        ];
        var parts = new List<string>();
        foreach (var path in paths)
        {
            var (status, body) = await api.GetAsync(path);
            parts.Add($"{path} {status} {body}");
        }

        return string.Join('\n', parts);
    }
}
