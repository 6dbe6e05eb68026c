using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FakeServerless.Contract.Target;
using FakeServerless.Tests.Support;
using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Build;

namespace FakeServerless.Contract.Support;

/// <summary>
/// One target per test (<see cref="ContractTarget.Create"/>), the steps the contract tests share, and a TearDown that
/// deletes every service the test created even when it failed. Tests name everything through <see cref="UniqueNames"/>.
/// </summary>
[Parallelizable(ParallelScope.All)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public abstract class ContractTestBase
{
    private readonly CleanupRegistry _cleanup = new();
    private ContractTarget? _target;

    private Action<FakeServerlessOptions>? _testOptions;

    internal ContractTarget Target => _target ??= ContractTarget.Create(options =>
    {
        Configure(options);
        _testOptions?.Invoke(options);
    });

    /// <summary>The SDK client of the target.</summary>
    protected TwilioRestClient Twilio => Target.Twilio;

    /// <summary>Raw client on <c>https://serverless.twilio.com/v1/</c> with the account's credentials.</summary>
    protected HttpClient Http => Target.Http;

    protected bool IsLive => Target.IsLive;

    protected string AccountSid => Target.AccountSid;

    /// <summary>Options of the fake a test starts (ignored for a live target).</summary>
    protected virtual void Configure(FakeServerlessOptions options)
    {
    }

    /// <summary>
    /// The fake, for a test that needs control only a fake has; ignored (with <paramref name="reason"/>) when live.
    /// <paramref name="configure"/> sets this test's fake options, so call it before anything else touches the target.
    /// </summary>
    protected FakeServerlessServer RequireFake(string reason, Action<FakeServerlessOptions>? configure = null)
    {
        if (LiveSettings.IsConfigured)
        {
            Assert.Ignore($"Fake-only ({reason}); skipped against a live Twilio account.");
        }

        if (configure is not null)
        {
            if (_target is not null)
            {
                throw new InvalidOperationException("RequireFake with options must come before the test's first request.");
            }

            _testOptions = configure;
        }

        return Target.RequireFake(reason);
    }

    [TearDown]
    public async Task DeleteWhatTheTestCreated()
    {
        if (_target is null)
        {
            return;
        }

        try
        {
            var failures = await _cleanup.DeleteAllAsync(_target.Twilio);
            if (failures.Count > 0)
            {
                Assert.Fail($"Could not delete what the test created (delete by hand, names start with '{UniqueNames.Prefix}-{UniqueNames.RunId}'):\n{string.Join('\n', failures)}");
            }
        }
        finally
        {
            _target.Dispose();
            _target = null;
        }
    }

    protected static string Name(string stem) => UniqueNames.Next(stem);

    /// <summary>Creates a service under a unique name and registers it for deletion.</summary>
    protected async Task<ServiceResource> CreateServiceAsync(string stem = "svc", bool? includeCredentials = null, bool? uiEditable = null)
    {
        var name = Name(stem);
        var service = await ServiceResource.CreateAsync(uniqueName: name, friendlyName: name, includeCredentials: includeCredentials, uiEditable: uiEditable, client: Twilio);
        _cleanup.AddService(service.Sid);
        return service;
    }

    /// <summary>Registers a service created some other way (raw HTTP) for deletion.</summary>
    protected void DeleteAfterwards(string serviceSid) => _cleanup.AddService(serviceSid);

    protected Task<EnvironmentResource> CreateEnvironmentAsync(string serviceSid, string suffix = "dev") =>
        EnvironmentResource.CreateAsync(serviceSid, uniqueName: Name("env"), domainSuffix: suffix, client: Twilio);

    protected Task<FunctionResource> CreateFunctionAsync(string serviceSid, string friendlyName = "hello") =>
        FunctionResource.CreateAsync(serviceSid, friendlyName: friendlyName, client: Twilio);

    protected Task<AssetResource> CreateAssetAsync(string serviceSid, string friendlyName = "style") =>
        AssetResource.CreateAsync(serviceSid, friendlyName: friendlyName, client: Twilio);

    /// <summary>Creates a function and uploads one version of it; returns the version SID.</summary>
    protected async Task<string> CreateFunctionVersionAsync(string serviceSid, string path = "/hello", string visibility = "public")
    {
        var function = await CreateFunctionAsync(serviceSid, path.TrimStart('/'));
        return (await UploadFunctionVersionAsync(serviceSid, function.Sid, path, visibility)).GetProperty("sid").GetString()!;
    }

    /// <summary>Creates an asset and uploads one version of it; returns the version SID.</summary>
    protected async Task<string> CreateAssetVersionAsync(string serviceSid, string path = "/style.css", string visibility = "public")
    {
        var asset = await CreateAssetAsync(serviceSid, path.TrimStart('/'));
        return (await UploadAssetVersionAsync(serviceSid, asset.Sid, path, visibility)).GetProperty("sid").GetString()!;
    }

    /// <summary>A function version upload to <c>serverless-upload.twilio.com</c>, as the toolkit sends it; asserts 201.</summary>
    protected Task<JsonElement> UploadFunctionVersionAsync(string serviceSid, string functionSid, string path, string visibility = "public", string code = "exports.handler = (context, event, callback) => callback(null, 'hi');") =>
        UploadAsync($"Services/{serviceSid}/Functions/{functionSid}/Versions", VersionForm(path, visibility, Encoding.UTF8.GetBytes(code), "application/javascript", "function.js"));

    /// <summary>An asset version upload to <c>serverless-upload.twilio.com</c>; asserts 201.</summary>
    protected Task<JsonElement> UploadAssetVersionAsync(string serviceSid, string assetSid, string path, string visibility = "public", string text = "body { color: red; }", string contentType = "text/css") =>
        UploadAsync($"Services/{serviceSid}/Assets/{assetSid}/Versions", VersionForm(path, visibility, Encoding.UTF8.GetBytes(text), contentType, "asset"));

    private async Task<JsonElement> UploadAsync(string relative, MultipartFormDataContent form)
    {
        using (form)
        {
            using var response = await Target.Upload.PostAsync(relative, form);
            var body = await response.Content.ReadAsStringAsync();
            Assert.That((int)response.StatusCode, Is.EqualTo(201), body);
            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }

    /// <summary>The multipart body of a version upload: <c>Path</c>, <c>Visibility</c> and the <c>Content</c> file.</summary>
    protected static MultipartFormDataContent VersionForm(string? path, string? visibility, byte[]? content, string contentType = "application/javascript", string fileName = "function.js")
        => VersionUploadForm.Create(path, visibility, content, contentType, fileName);

    /// <summary>Creates a build and polls its status until it has finished; asserts it completed.</summary>
    protected async Task<BuildResource> CreateCompletedBuildAsync(string serviceSid, IEnumerable<string> functionVersionSids, IEnumerable<string>? assetVersionSids = null)
    {
        var build = await BuildResource.CreateAsync(serviceSid, assetVersions: [.. assetVersionSids ?? []], functionVersions: [.. functionVersionSids], client: Twilio);
        var status = await WaitForBuildAsync(serviceSid, build.Sid);
        Assert.That(status, Is.EqualTo(BuildStatusResource.StatusEnum.Completed), $"build {build.Sid}");
        return build;
    }

    /// <summary>
    /// Polls <c>/Builds/{ZB}/Status</c> until the build is no longer building. Against the fake a build completes
    /// on the next look; real builds take seconds to minutes (<see cref="ContractTarget.BuildTimeout"/>).
    /// </summary>
    protected async Task<BuildStatusResource.StatusEnum> WaitForBuildAsync(string serviceSid, string buildSid)
    {
        var deadline = DateTime.UtcNow + Target.BuildTimeout;
        while (true)
        {
            var status = (await BuildStatusResource.FetchAsync(serviceSid, buildSid, client: Twilio)).Status;
            if (status != BuildStatusResource.StatusEnum.Building)
            {
                return status;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new AssertionException($"Build {buildSid} was still {status} after {Target.BuildTimeout}.");
            }

            await Task.Delay(Target.PollInterval);
        }
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

    /// <summary>Asserts a Twilio error's HTTP status, error code and more_info link.</summary>
    protected static void AssertError(ApiException error, int status, int code)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Status, Is.EqualTo(status), error.Message);
            Assert.That(error.Code, Is.EqualTo(code), error.Message);
            Assert.That(error.MoreInfo, Is.EqualTo($"https://www.twilio.com/docs/errors/{code}"), error.Message);
        }
    }

    /// <summary>Sends a raw request and returns status and JSON body (null when the body is not JSON).</summary>
    protected static async Task<(int Status, JsonElement? Body)> SendAsync(HttpClient client, HttpMethod method, string relative, IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        using var request = new HttpRequestMessage(method, relative);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonElement? body = null;
        if (text.Length > 0)
        {
            try
            {
                body = JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
                body = null;
            }
        }

        return ((int)response.StatusCode, body);
    }

    /// <summary>Asserts a raw Twilio error body: status, code, more_info and a message.</summary>
    protected static void AssertErrorBody((int Status, JsonElement? Body) response, int status, int code)
    {
        Assert.That(response.Status, Is.EqualTo(status), response.Body?.ToString());
        Assert.That(response.Body, Is.Not.Null, "error body");
        var body = response.Body!.Value;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.GetProperty("status").GetInt32(), Is.EqualTo(status));
            Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo(code));
            Assert.That(body.GetProperty("more_info").GetString(), Is.EqualTo($"https://www.twilio.com/docs/errors/{code}"));
            Assert.That(body.GetProperty("message").GetString(), Is.Not.Empty);
        }
    }
}
