using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FakeServerless.Tests.Support;
using Twilio.Exceptions;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Build;

namespace FakeServerless.Tests.Operations;

/// <summary>Steps the contract tests share: create a service, upload versions, make a finished build, catch a Twilio error.</summary>
public abstract class OperationsTestBase(FakeServerlessTransport transport) : FakeTestBase(transport)
{
    /// <summary>The host the Twilio toolkit uploads versions to.</summary>
    protected const string UploadBase = "https://serverless-upload.twilio.com/v1";

    /// <summary>The API host; the fake accepts version uploads here too.</summary>
    protected const string ApiBase = "https://serverless.twilio.com/v1";

    protected Task<ServiceResource> CreateServiceAsync(string uniqueName = "shop") =>
        ServiceResource.CreateAsync(uniqueName: uniqueName, friendlyName: uniqueName, client: Twilio);

    protected Task<EnvironmentResource> CreateEnvironmentAsync(string serviceSid, string uniqueName = "dev-environment", string? domainSuffix = "dev") =>
        EnvironmentResource.CreateAsync(serviceSid, uniqueName: uniqueName, domainSuffix: domainSuffix, client: Twilio);

    /// <summary>Creates a function and uploads one version of it; returns the version SID.</summary>
    protected async Task<string> CreateFunctionVersionAsync(string serviceSid, string path = "/hello", string visibility = "public")
    {
        var function = await FunctionResource.CreateAsync(serviceSid, friendlyName: path.TrimStart('/'), client: Twilio);
        return await UploadFunctionVersionAsync(serviceSid, function.Sid, path, visibility);
    }

    protected async Task<string> UploadFunctionVersionAsync(string serviceSid, string functionSid, string path, string visibility = "public", string code = "exports.handler = (c, e, cb) => cb(null, 'hi');", string baseUrl = UploadBase)
    {
        using var form = VersionForm(path, visibility, Encoding.UTF8.GetBytes(code), "application/javascript", "function.js");
        using var response = await Http.PostAsync($"{baseUrl}/Services/{serviceSid}/Functions/{functionSid}/Versions", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(201), body);
        return JsonDocument.Parse(body).RootElement.GetProperty("sid").GetString()!;
    }

    protected async Task<string> UploadAssetVersionAsync(string serviceSid, string assetSid, string path, string visibility = "public", string text = "body { color: red; }", string contentType = "text/css", string baseUrl = UploadBase)
    {
        using var form = VersionForm(path, visibility, Encoding.UTF8.GetBytes(text), contentType, "asset");
        using var response = await Http.PostAsync($"{baseUrl}/Services/{serviceSid}/Assets/{assetSid}/Versions", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(201), body);
        return JsonDocument.Parse(body).RootElement.GetProperty("sid").GetString()!;
    }

    /// <summary>The multipart body of a version upload: <c>Path</c>, <c>Visibility</c> and the <c>Content</c> file.</summary>
    protected static MultipartFormDataContent VersionForm(string? path, string? visibility, byte[]? content, string contentType = "application/javascript", string fileName = "function.js")
        => VersionUploadForm.Create(path, visibility, content, contentType, fileName);

    /// <summary>Uploads one version of the function or asset <paramref name="sid"/>; returns the version SID.</summary>
    protected Task<string> UploadVersionAsync(CodeKind kind, string serviceSid, string sid, string path, string visibility = "public") => kind == CodeKind.Function
        ? UploadFunctionVersionAsync(serviceSid, sid, path, visibility)
        : UploadAssetVersionAsync(serviceSid, sid, path, visibility);

    /// <summary>Creates a build of one function or asset version and completes it.</summary>
    protected Task<BuildResource> CreateCompletedBuildAsync(CodeKind kind, string serviceSid, string versionSid) => kind == CodeKind.Function
        ? CreateCompletedBuildAsync(serviceSid, [versionSid], [])
        : CreateCompletedBuildAsync(serviceSid, [], [versionSid]);

    /// <summary>Creates a build of the versions and completes it (whatever the fake's <see cref="BuildCompletion"/>).</summary>
    protected Task<BuildResource> CreateCompletedBuildAsync(string serviceSid, params string[] functionVersionSids) =>
        CreateCompletedBuildAsync(serviceSid, functionVersionSids, []);

    /// <summary>Creates a build of function and asset versions and completes it.</summary>
    protected async Task<BuildResource> CreateCompletedBuildAsync(string serviceSid, IEnumerable<string> functionVersionSids, IEnumerable<string> assetVersionSids)
    {
        var build = await BuildResource.CreateAsync(serviceSid, assetVersions: [.. assetVersionSids], functionVersions: [.. functionVersionSids], client: Twilio);
        Fake.Account().CompleteBuild(serviceSid, build.Sid);
        var status = await BuildStatusResource.FetchAsync(serviceSid, build.Sid, client: Twilio);
        Assert.That(status.Status, Is.EqualTo(BuildStatusResource.StatusEnum.Completed));
        return build;
    }

    /// <summary>Runs <paramref name="act"/> and returns the Twilio error it must fail with.</summary>
    protected static async Task<ApiException> ApiErrorAsync(Func<Task> act)
    {
        try
        {
            await act();
        }
        catch (ApiException ex)
        {
            return ex;
        }

        throw new AssertionException("Expected the Twilio SDK to throw an ApiException, but the call succeeded.");
    }

    /// <summary>Asserts a Twilio error's HTTP status, error code, more_info link and (when given) message.</summary>
    protected static void AssertError(ApiException error, int status, int code, string? message = null)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Status, Is.EqualTo(status), error.Message);
            Assert.That(error.Code, Is.EqualTo(code), error.Message);
            Assert.That(error.MoreInfo, Is.EqualTo($"https://www.twilio.com/docs/errors/{code}"));
            if (message is not null)
            {
                Assert.That(error.Message, Is.EqualTo(message));
            }
        }
    }

    /// <summary>Reads a raw JSON response body.</summary>
    protected static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
}
