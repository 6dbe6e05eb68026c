using Twilio.Clients;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Asset;
using Twilio.Rest.Serverless.V1.Service.Function;

namespace FakeServerless.Tests.Support;

/// <summary>
/// The Twilio SDK's calls on a Function or an Asset and their versions, picked by <see cref="CodeKind"/>, so a test of
/// what both kinds share is written once. Shared as source with the contract suite.
/// </summary>
public static class CodeResources
{
    /// <summary>The collection's name in URLs: <c>Functions</c> or <c>Assets</c>.</summary>
    public static string Collection(this CodeKind kind) => kind == CodeKind.Function ? "Functions" : "Assets";

    /// <summary>The key of the versions link: <c>function_versions</c> or <c>asset_versions</c>.</summary>
    public static string VersionsLink(this CodeKind kind) => kind == CodeKind.Function ? "function_versions" : "asset_versions";

    public static async Task<CodeResource> CreateAsync(this CodeKind kind, string serviceSid, string? friendlyName, ITwilioRestClient client) => kind == CodeKind.Function
        ? Of(await FunctionResource.CreateAsync(serviceSid, friendlyName: friendlyName, client: client))
        : Of(await AssetResource.CreateAsync(serviceSid, friendlyName: friendlyName, client: client));

    public static async Task<CodeResource> FetchAsync(this CodeKind kind, string serviceSid, string sid, ITwilioRestClient client) => kind == CodeKind.Function
        ? Of(await FunctionResource.FetchAsync(serviceSid, sid, client: client))
        : Of(await AssetResource.FetchAsync(serviceSid, sid, client: client));

    public static async Task<CodeResource> UpdateAsync(this CodeKind kind, string serviceSid, string sid, string? friendlyName, ITwilioRestClient client) => kind == CodeKind.Function
        ? Of(await FunctionResource.UpdateAsync(serviceSid, sid, friendlyName: friendlyName, client: client))
        : Of(await AssetResource.UpdateAsync(serviceSid, sid, friendlyName: friendlyName, client: client));

    public static async Task<IReadOnlyList<CodeResource>> ReadAsync(this CodeKind kind, string serviceSid, ITwilioRestClient client) => kind == CodeKind.Function
        ? [.. (await FunctionResource.ReadAsync(serviceSid, client: client)).Select(Of)]
        : [.. (await AssetResource.ReadAsync(serviceSid, client: client)).Select(Of)];

    public static Task<bool> DeleteAsync(this CodeKind kind, string serviceSid, string sid, ITwilioRestClient client) => kind == CodeKind.Function
        ? FunctionResource.DeleteAsync(serviceSid, sid, client: client)
        : AssetResource.DeleteAsync(serviceSid, sid, client: client);

    /// <summary>Fetches one version (the call throws the Twilio error when there is none).</summary>
    public static async Task<CodeVersion> FetchVersionAsync(this CodeKind kind, string serviceSid, string sid, string versionSid, ITwilioRestClient client)
    {
        if (kind == CodeKind.Function)
        {
            var f = await FunctionVersionResource.FetchAsync(serviceSid, sid, versionSid, client: client);
            return new(f.Sid, f.FunctionSid, f.ServiceSid, f.Path, f.Visibility.ToString());
        }

        var a = await AssetVersionResource.FetchAsync(serviceSid, sid, versionSid, client: client);
        return new(a.Sid, a.AssetSid, a.ServiceSid, a.Path, a.Visibility.ToString());
    }

    /// <summary>The SIDs of the versions the SDK lists, in the order it lists them.</summary>
    public static async Task<IReadOnlyList<string>> ReadVersionsAsync(this CodeKind kind, string serviceSid, string sid, ITwilioRestClient client) => kind == CodeKind.Function
        ? [.. (await FunctionVersionResource.ReadAsync(serviceSid, sid, client: client)).Select(v => v.Sid)]
        : [.. (await AssetVersionResource.ReadAsync(serviceSid, sid, client: client)).Select(v => v.Sid)];

    /// <summary>The SIDs of the versions a build embeds of this kind (<c>function_versions</c> or <c>asset_versions</c>).</summary>
    public static IEnumerable<string?> VersionsIn(this CodeKind kind, BuildResource build) =>
        (kind == CodeKind.Function ? build.FunctionVersions : build.AssetVersions).Select(v => (string?)((Newtonsoft.Json.Linq.JObject)v)["sid"]);

    private static CodeResource Of(FunctionResource f) => new(f.Sid, f.AccountSid, f.ServiceSid, f.FriendlyName, f.Url, f.Links);

    private static CodeResource Of(AssetResource a) => new(a.Sid, a.AccountSid, a.ServiceSid, a.FriendlyName, a.Url, a.Links);
}
