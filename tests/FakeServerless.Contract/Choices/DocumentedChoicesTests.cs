using System.Text.Json;
using FakeServerless.Contract.Live;
using FakeServerless.Contract.Support;
using FakeServerless.Contract.Target;
using Microsoft.Extensions.Time.Testing;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Build;
using Twilio.Rest.Serverless.V1.Service.Environment;
using Twilio.Rest.Serverless.V1.Service.Function;

namespace FakeServerless.Contract.Choices;

/// <summary>
/// One test per row of the README's "Documented choices" table (the row's question is the test's description). Against a
/// live account these check Twilio's undocumented behaviour; the rows about the fake's own controls are fake-only.
/// </summary>
public sealed class DocumentedChoicesTests : ContractTestBase
{
    private const string Row = "Documented choices row: ";

    private async Task<(string Service, string Environment, string Version)> ServiceWithVersionAsync()
    {
        var service = await CreateServiceAsync();
        var environment = await CreateEnvironmentAsync(service.Sid);
        return (service.Sid, environment.Sid, await CreateFunctionVersionAsync(service.Sid));
    }

    [Test]
    [Description(Row + "Deploying an unknown BuildSid")]
    public async Task DeployingAnUnknownBuildSid_Is404NamingTheBuildPath_AlsoForABuildOfAnotherService()
    {
        var (service, environment, _) = await ServiceWithVersionAsync();
        var (other, _, otherVersion) = await ServiceWithVersionAsync();
        var otherBuild = await CreateCompletedBuildAsync(other, [otherVersion]);
        const string unknown = "ZB00000000000000000000000000000000";

        var error = await ApiErrorAsync(() => DeploymentResource.CreateAsync(service, environment, buildSid: unknown, client: Twilio));
        var foreign = await ApiErrorAsync(() => DeploymentResource.CreateAsync(service, environment, buildSid: otherBuild.Sid, client: Twilio));

        AssertError(error, 404, 20404);
        Assert.That(error.Message, Does.Contain($"/Services/{service}/Builds/{unknown}"));
        AssertError(foreign, 404, 20404);
    }

    [Test]
    [Category(ContractCategories.FakeOnly)]
    [Description(Row + "Deploying a build that is not completed")]
    public async Task DeployingABuildThatIsNotCompleted_Is409NamingItsStatus()
    {
        RequireFake("needs BuildCompletion.Manual to hold a build in 'building'", o => o.BuildCompletion = BuildCompletion.Manual);
        var (service, environment, version) = await ServiceWithVersionAsync();
        var build = await BuildResource.CreateAsync(service, functionVersions: [version], client: Twilio);

        var error = await ApiErrorAsync(() => DeploymentResource.CreateAsync(service, environment, buildSid: build.Sid, client: Twilio));

        AssertError(error, 409, 20409);
        Assert.That(error.Message, Does.Contain("building"));
    }

    [Test]
    [Description(Row + "Deploying the build already live (or clearing an already cleared environment)")]
    public async Task DeployingTheBuildAlreadyLive_OrClearingTwice_Is409EnvironmentAlreadyHasRequestedDeployment()
    {
        var (service, environment, version) = await ServiceWithVersionAsync();
        var build = await CreateCompletedBuildAsync(service, [version]);
        await DeploymentResource.CreateAsync(service, environment, buildSid: build.Sid, client: Twilio);

        var again = await ApiErrorAsync(() => DeploymentResource.CreateAsync(service, environment, buildSid: build.Sid, client: Twilio));
        await DeploymentResource.CreateAsync(service, environment, client: Twilio);
        var clearAgain = await ApiErrorAsync(() => DeploymentResource.CreateAsync(service, environment, client: Twilio));

        foreach (var error in new[] { again, clearAgain })
        {
            AssertError(error, 409, 20409);
            Assert.That(error.Message, Is.EqualTo("Environment already has requested deployment."));
        }
    }

    [Test]
    [Description(Row + "Malformed BuildSid, FunctionSid, version SIDs in a body")]
    public async Task MalformedSidsInABody_Are400NamingTheParameter()
    {
        var (service, environment, _) = await ServiceWithVersionAsync();

        var buildSid = await SendAsync(Http, HttpMethod.Post, $"Services/{service}/Environments/{environment}/Deployments", [new("BuildSid", "not-a-sid")]);
        var functionVersions = await SendAsync(Http, HttpMethod.Post, $"Services/{service}/Builds", [new("FunctionVersions", "ZH-nope")]);
        var functionSid = await SendAsync(Http, HttpMethod.Get, $"Services/{service}/Environments/{environment}/Logs?FunctionSid=nope");

        AssertErrorBody(buildSid, 400, 20001);
        AssertErrorBody(functionVersions, 400, 20001);
        AssertErrorBody(functionSid, 400, 20001);
        Assert.That(buildSid.Body!.Value.GetProperty("message").GetString(), Does.Contain("BuildSid"));
        Assert.That(functionVersions.Body!.Value.GetProperty("message").GetString(), Does.Contain("FunctionVersions"));
        Assert.That(functionSid.Body!.Value.GetProperty("message").GetString(), Does.Contain("FunctionSid"));
    }

    [Test]
    [Description(Row + "Malformed SID in a path")]
    public async Task MalformedSidInAPath_Is404()
    {
        var service = await CreateServiceAsync();

        AssertErrorBody(await SendAsync(Http, HttpMethod.Get, $"Services/{service.Sid}/Functions/ZHnot-a-sid"), 404, 20404);
        AssertErrorBody(await SendAsync(Http, HttpMethod.Get, $"Services/{service.Sid}/Builds/42"), 404, 20404);
    }

    [Test]
    [Description(Row + "Error code of every 409")]
    public async Task EveryConflict_HasCode20409()
    {
        var (service, environment, version) = await ServiceWithVersionAsync();
        await VariableResource.CreateAsync(service, environment, key: "K", value: "1", client: Twilio);
        var build = await CreateCompletedBuildAsync(service, [version]);
        await DeploymentResource.CreateAsync(service, environment, buildSid: build.Sid, client: Twilio);

        var errors = new[]
        {
            await ApiErrorAsync(() => VariableResource.CreateAsync(service, environment, key: "K", value: "2", client: Twilio)),
            await ApiErrorAsync(() => DeploymentResource.CreateAsync(service, environment, buildSid: build.Sid, client: Twilio)),
            await ApiErrorAsync(() => BuildResource.DeleteAsync(service, build.Sid, client: Twilio)),
        };

        Assert.That(errors.Select(e => (e.Status, e.Code)), Is.All.EqualTo((409, 20409)));
    }

    [Test]
    [Category(ContractCategories.FakeOnly)]
    [Description(Row + "Build completion")]
    public async Task BuildCompletion_BuildingOnCreate_CompletedFromTheNextLook_FailNextBuildFails()
    {
        var fake = RequireFake("build completion is the fake's own control");
        var (service, _, version) = await ServiceWithVersionAsync();

        var build = await BuildResource.CreateAsync(service, functionVersions: [version], client: Twilio);
        var nextLook = await BuildStatusResource.FetchAsync(service, build.Sid, client: Twilio);
        fake.FailNextBuild();
        var failing = await BuildResource.CreateAsync(service, functionVersions: [version], client: Twilio);

        Assert.That(build.Status, Is.EqualTo(BuildResource.StatusEnum.Building));
        Assert.That(nextLook.Status, Is.EqualTo(BuildStatusResource.StatusEnum.Completed));
        Assert.That(await WaitForBuildAsync(service, failing.Sid), Is.EqualTo(BuildStatusResource.StatusEnum.Failed));
    }

    [Test]
    [Description(Row + "Build Runtime")]
    public async Task BuildRuntime_Node20To24AcceptedDefaultNode22_RetiredOrUnknownIs400With82007()
    {
        var (service, _, version) = await ServiceWithVersionAsync();

        var byDefault = await BuildResource.CreateAsync(service, functionVersions: [version], client: Twilio);
        var named = await BuildResource.CreateAsync(service, functionVersions: [version], runtime: "node24", client: Twilio);
        var retired = await ApiErrorAsync(() => BuildResource.CreateAsync(service, functionVersions: [version], runtime: "node18", client: Twilio));
        var unknown = await ApiErrorAsync(() => BuildResource.CreateAsync(service, functionVersions: [version], runtime: "node99", client: Twilio));

        Assert.That((byDefault.Runtime, named.Runtime), Is.EqualTo((BuildResource.RuntimeEnum.Node22, BuildResource.RuntimeEnum.Node24)));
        AssertError(retired, 400, 82007);
        AssertError(unknown, 400, 82007);
        await WaitForBuildAsync(service, byDefault.Sid);
        await WaitForBuildAsync(service, named.Sid);
    }

    [Test]
    [Description(Row + "Dependencies")]
    public async Task Dependencies_AJsonArrayOfNameVersion_IsEchoedWithNoDefaultsInjected()
    {
        var (service, _, version) = await ServiceWithVersionAsync();

        var (status, body) = await SendAsync(Http, HttpMethod.Post, $"Services/{service}/Builds",
            [new("FunctionVersions", version), new("Dependencies", """[{"name":"lodash","version":"4.17.21"}]""")]);

        Assert.That(status, Is.EqualTo(201), body?.ToString());
        var dependencies = body!.Value.GetProperty("dependencies").EnumerateArray().Select(d => (d.GetProperty("name").GetString(), d.GetProperty("version").GetString()));
        Assert.That(dependencies, Is.EqualTo(new[] { ("lodash", "4.17.21") }));
        await WaitForBuildAsync(service, body.Value.GetProperty("sid").GetString()!);
    }

    [Test]
    [Description(Row + "Build visibility in embedded versions")]
    public async Task BuildVisibilityInEmbeddedVersions_IsLowerCase()
    {
        var service = await CreateServiceAsync();
        var version = await CreateFunctionVersionAsync(service.Sid, "/secret", "protected");

        var (status, body) = await SendAsync(Http, HttpMethod.Post, $"Services/{service.Sid}/Builds", [new("FunctionVersions", version)]);

        Assert.That(status, Is.EqualTo(201), body?.ToString());
        Assert.That(body!.Value.GetProperty("function_versions")[0].GetProperty("visibility").GetString(), Is.EqualTo("protected"));
        await WaitForBuildAsync(service.Sid, body.Value.GetProperty("sid").GetString()!);
    }

    [Test]
    [Description(Row + "Versions of another service in a build")]
    public async Task VersionsOfAnotherServiceInABuild_Are400()
    {
        var service = await CreateServiceAsync();
        var (_, _, foreignVersion) = await ServiceWithVersionAsync();

        var error = await ApiErrorAsync(() => BuildResource.CreateAsync(service.Sid, functionVersions: [foreignVersion], client: Twilio));

        AssertError(error, 400, 20001);
    }

    [Test]
    [Description(Row + "Duplicate service unique_name (per account, case-insensitive)")]
    public async Task DuplicateServiceUniqueName_IgnoringCase_Is409_AndLookupIgnoresCase()
    {
        var service = await CreateServiceAsync();

        var response = await SendAsync(Http, HttpMethod.Post, "Services", [new("UniqueName", service.UniqueName.ToUpperInvariant()), new("FriendlyName", "upper")]);
        if (response.Status == 201)
        {
            DeleteAfterwards(response.Body!.Value.GetProperty("sid").GetString()!);
        }

        AssertErrorBody(response, 409, 20409);
        Assert.That((await ServiceResource.FetchAsync(service.UniqueName.ToUpperInvariant(), client: Twilio)).Sid, Is.EqualTo(service.Sid));
    }

    [Test]
    [Description(Row + "Duplicate variable key in an environment")]
    public async Task DuplicateVariableKey_Is409()
    {
        var service = await CreateServiceAsync();
        var environment = await CreateEnvironmentAsync(service.Sid);
        await VariableResource.CreateAsync(service.Sid, environment.Sid, key: "KEY", value: "1", client: Twilio);

        var error = await ApiErrorAsync(() => VariableResource.CreateAsync(service.Sid, environment.Sid, key: "KEY", value: "2", client: Twilio));

        AssertError(error, 409, 20409);
    }

    [Test]
    [Description(Row + "Duplicate environment unique_name or domain_suffix in a service")]
    public async Task DuplicateEnvironmentUniqueNameOrDomainSuffix_Is409()
    {
        var service = await CreateServiceAsync();
        var environment = await CreateEnvironmentAsync(service.Sid, "dev");

        var sameName = await ApiErrorAsync(() => EnvironmentResource.CreateAsync(service.Sid, uniqueName: environment.UniqueName, domainSuffix: "other", client: Twilio));
        var sameSuffix = await ApiErrorAsync(() => EnvironmentResource.CreateAsync(service.Sid, uniqueName: Name("env"), domainSuffix: "dev", client: Twilio));

        AssertError(sameName, 409, 20409);
        AssertError(sameSuffix, 409, 20409);
    }

    [Test]
    [Description(Row + "Function/Asset friendly_name")]
    public async Task FunctionAndAssetFriendlyName_IsNotUnique()
    {
        var service = await CreateServiceAsync();

        var functions = new[] { await CreateFunctionAsync(service.Sid, "same"), await CreateFunctionAsync(service.Sid, "same") };
        var assets = new[] { await CreateAssetAsync(service.Sid, "same"), await CreateAssetAsync(service.Sid, "same") };

        Assert.That(functions.Select(f => f.Sid).Distinct().Count(), Is.EqualTo(2));
        Assert.That(assets.Select(a => a.Sid).Distinct().Count(), Is.EqualTo(2));
    }

    [Test]
    [Description(Row + "Deleting a Function/Asset with a version in a build live anywhere, or a live Build")]
    public async Task DeletingWhatALiveBuildUses_Is409_UntilNothingLiveUsesIt()
    {
        var service = await CreateServiceAsync();
        var environment = await CreateEnvironmentAsync(service.Sid);
        var function = await CreateFunctionAsync(service.Sid);
        var functionVersion = (await UploadFunctionVersionAsync(service.Sid, function.Sid, "/hello")).GetProperty("sid").GetString()!;
        var asset = await CreateAssetAsync(service.Sid);
        var assetVersion = (await UploadAssetVersionAsync(service.Sid, asset.Sid, "/style.css")).GetProperty("sid").GetString()!;
        var build = await CreateCompletedBuildAsync(service.Sid, [functionVersion], [assetVersion]);
        await DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid, client: Twilio);

        AssertError(await ApiErrorAsync(() => FunctionResource.DeleteAsync(service.Sid, function.Sid, client: Twilio)), 409, 20409);
        AssertError(await ApiErrorAsync(() => AssetResource.DeleteAsync(service.Sid, asset.Sid, client: Twilio)), 409, 20409);
        AssertError(await ApiErrorAsync(() => BuildResource.DeleteAsync(service.Sid, build.Sid, client: Twilio)), 409, 20409);

        await DeploymentResource.CreateAsync(service.Sid, environment.Sid, client: Twilio);

        Assert.That(await BuildResource.DeleteAsync(service.Sid, build.Sid, client: Twilio), Is.True);
        Assert.That(await FunctionResource.DeleteAsync(service.Sid, function.Sid, client: Twilio), Is.True);
        Assert.That(await AssetResource.DeleteAsync(service.Sid, asset.Sid, client: Twilio), Is.True);
    }

    [Test]
    [Description(Row + "Deleting an Environment")]
    public async Task DeletingAnEnvironmentWithALiveBuild_IsAllowed_AndItsVariablesAndDeploymentsGo()
    {
        var (service, environment, version) = await ServiceWithVersionAsync();
        var variable = await VariableResource.CreateAsync(service, environment, key: "K", value: "1", client: Twilio);
        var build = await CreateCompletedBuildAsync(service, [version]);
        var deployment = await DeploymentResource.CreateAsync(service, environment, buildSid: build.Sid, client: Twilio);

        Assert.That(await EnvironmentResource.DeleteAsync(service, environment, client: Twilio), Is.True);

        AssertError(await ApiErrorAsync(() => VariableResource.FetchAsync(service, environment, variable.Sid, client: Twilio)), 404, 20404);
        AssertError(await ApiErrorAsync(() => DeploymentResource.FetchAsync(service, environment, deployment.Sid, client: Twilio)), 404, 20404);
        Assert.That((await BuildResource.FetchAsync(service, build.Sid, client: Twilio)).Sid, Is.EqualTo(build.Sid), "the build itself stays");
    }

    [Test]
    [Description(Row + "Deleting a Service")]
    public async Task DeletingAService_CascadesToEverythingUnderIt()
    {
        var (service, environment, version) = await ServiceWithVersionAsync();
        var build = await CreateCompletedBuildAsync(service, [version]);
        await DeploymentResource.CreateAsync(service, environment, buildSid: build.Sid, client: Twilio);

        Assert.That(await ServiceResource.DeleteAsync(service, client: Twilio), Is.True);

        AssertError(await ApiErrorAsync(() => EnvironmentResource.FetchAsync(service, environment, client: Twilio)), 404, 20404);
        AssertError(await ApiErrorAsync(() => BuildResource.FetchAsync(service, build.Sid, client: Twilio)), 404, 20404);
    }

    [Test]
    [Description(Row + "List order")]
    public async Task ListOrder_NewestFirstForVersionsAndBuilds_CreationOrderForFunctions()
    {
        var service = await CreateServiceAsync();
        var first = await CreateFunctionAsync(service.Sid, "first");
        var second = await CreateFunctionAsync(service.Sid, "second");
        var v1 = (await UploadFunctionVersionAsync(service.Sid, first.Sid, "/first")).GetProperty("sid").GetString()!;
        var v2 = (await UploadFunctionVersionAsync(service.Sid, first.Sid, "/first")).GetProperty("sid").GetString()!;

        var functions = await FunctionResource.ReadAsync(service.Sid, client: Twilio);
        var versions = await FunctionVersionResource.ReadAsync(service.Sid, first.Sid, client: Twilio);

        Assert.That(functions.Select(f => f.Sid), Is.EqualTo(new[] { first.Sid, second.Sid }));
        Assert.That(versions.Select(v => v.Sid), Is.EqualTo(new[] { v2, v1 }));
    }

    [Test]
    [Description(Row + "PageSize")]
    public async Task PageSize_Default50_ClampedTo1000_BelowOneOrNotANumberIs400()
    {
        var service = await CreateServiceAsync();
        var path = $"Services/{service.Sid}/Functions";

        var byDefault = await SendAsync(Http, HttpMethod.Get, path);
        var huge = await SendAsync(Http, HttpMethod.Get, path + "?PageSize=5000");

        Assert.That(byDefault.Body!.Value.GetProperty("meta").GetProperty("page_size").GetInt32(), Is.EqualTo(50));
        Assert.That(huge.Body!.Value.GetProperty("meta").GetProperty("page_size").GetInt32(), Is.EqualTo(1000));
        AssertErrorBody(await SendAsync(Http, HttpMethod.Get, path + "?PageSize=0"), 400, 20001);
        AssertErrorBody(await SendAsync(Http, HttpMethod.Get, path + "?PageSize=many"), 400, 20001);
    }

    [Test]
    [Description(Row + "PageToken")]
    public async Task PageToken_IsPAOfTheLastSid_AndStillWorksWhenThatItemIsDeleted()
    {
        var service = await CreateServiceAsync();
        var sids = new List<string>();
        foreach (var name in new[] { "a", "b", "c" })
        {
            sids.Add((await CreateFunctionAsync(service.Sid, name)).Sid);
        }

        var (_, first) = await SendAsync(Http, HttpMethod.Get, $"Services/{service.Sid}/Functions?PageSize=1");
        var next = first!.Value.GetProperty("meta").GetProperty("next_page_url").GetString()!;
        await FunctionResource.DeleteAsync(service.Sid, sids[0], client: Twilio);
        var (status, second) = await SendAsync(Http, HttpMethod.Get, next);

        Assert.That(next, Does.Contain($"PageToken=PA{sids[0]}"));
        Assert.That(status, Is.EqualTo(200));
        Assert.That(second!.Value.GetProperty("functions").EnumerateArray().Select(f => f.GetProperty("sid").GetString()), Is.EqualTo(new[] { sids[1] }));
    }

    [Test]
    [Category(ContractCategories.FakeOnly)]
    [Description(Row + "Log window")]
    public async Task LogWindow_DefaultsToTheLastDayOnTheFakesClock_Inclusive()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var fake = RequireFake("moves the fake's clock", o => o.TimeProvider = time);
        var service = await CreateServiceAsync();
        var environment = await CreateEnvironmentAsync(service.Sid);
        fake.Account().AppendLog(service.Sid, environment.Sid, "old");
        time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        var recent = fake.Account().AppendLog(service.Sid, environment.Sid, "recent");

        var byDefault = await LogResource.ReadAsync(service.Sid, environment.Sid, client: Twilio);
        var exact = await LogResource.ReadAsync(service.Sid, environment.Sid, startDate: recent.DateCreated.UtcDateTime, endDate: recent.DateCreated.UtcDateTime, client: Twilio);

        Assert.That(byDefault.Select(l => l.Sid), Is.EqualTo(new[] { recent.Sid }));
        Assert.That(exact.Select(l => l.Sid), Is.EqualTo(new[] { recent.Sid }), "both ends inclusive");
    }

    [Test]
    [Category(ContractCategories.FakeOnly)]
    [Description(Row + "Auth")]
    public async Task Auth_AnyAccountSidWithAPassword_IsItsOwnIsolatedAccount()
    {
        RequireFake("a real account refuses other account SIDs");
        var service = await CreateServiceAsync();
        using var other = Target.CreateRawClient(ContractTarget.ApiBase, "AC" + new string('f', 32), "anything");

        var (status, body) = await SendAsync(other, HttpMethod.Get, "Services");

        Assert.That(status, Is.EqualTo(200));
        Assert.That(body!.Value.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("sid").GetString()), Does.Not.Contain(service.Sid));
        AssertErrorBody(await SendAsync(other, HttpMethod.Get, $"Services/{service.Sid}"), 404, 20404);
    }

    [Test]
    [Description(Row + "Wrong method on a known path")]
    public async Task WrongMethodOnAKnownPath_Is405_20004_WithAllow()
    {
        var service = await CreateServiceAsync();

        using var request = new HttpRequestMessage(HttpMethod.Put, $"Services/{service.Sid}");
        using var response = await Http.SendAsync(request);

        Assert.That((int)response.StatusCode, Is.EqualTo(405));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(body.RootElement.GetProperty("code").GetInt32(), Is.EqualTo(20004));
        Assert.That(response.Content.Headers.Allow, Is.Not.Empty);
    }

    [Test]
    [Category(ContractCategories.FakeOnly)]
    [Description(Row + "Domains")]
    public async Task Domains_AFunctionWithoutAHandlerDescribesItself_PrivateIs404_NothingLiveIs404()
    {
        var fake = RequireFake("a real domain runs the function's code");
        var service = await CreateServiceAsync();
        var environment = await CreateEnvironmentAsync(service.Sid);
        using var web = fake.CreateHttpClient();
        var before = await web.GetAsync($"https://{environment.DomainName}/hello");
        var build = await CreateCompletedBuildAsync(service.Sid, [await CreateFunctionVersionAsync(service.Sid, "/hello"), await CreateFunctionVersionAsync(service.Sid, "/hidden", "private")]);
        await DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid, client: Twilio);

        var hello = await web.GetAsync($"https://{environment.DomainName}/hello");
        var hidden = await web.GetAsync($"https://{environment.DomainName}/hidden");

        Assert.That((int)before.StatusCode, Is.EqualTo(404));
        Assert.That((int)hello.StatusCode, Is.EqualTo(200));
        Assert.That(hello.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That((int)hidden.StatusCode, Is.EqualTo(404));
    }

    [Test]
    [Description(Row + "Protected functions and assets")]
    public async Task ProtectedAsset_UnsignedOrBadlySigned403_SignedForItsHttpsUrlWithTheAuthToken200()
    {
        var service = await CreateServiceAsync();
        var environment = await CreateEnvironmentAsync(service.Sid);
        var build = await CreateCompletedBuildAsync(service.Sid, [], [await CreateAssetVersionAsync(service.Sid, "/members.css", "protected")]);
        await DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid, client: Twilio);
        var url = $"https://{environment.DomainName}/members.css?v=1";
        var signature = Convert.ToBase64String(System.Security.Cryptography.HMACSHA1.HashData(
            System.Text.Encoding.UTF8.GetBytes(Target.AuthToken), System.Text.Encoding.UTF8.GetBytes(url)));
        using var web = Target.CreateRawClient(new Uri(url), null, null);

        async Task<(int Status, string Body)> GetAsync(string? header)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (header is not null)
            {
                request.Headers.Add("X-Twilio-Signature", header);
            }

            using var response = await web.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }

        var unsigned = await GetAsync(null);
        var bogus = await GetAsync("c2lnbmF0dXJl");
        var signed = await GetAsync(signature);

        Assert.That((unsigned.Status, bogus.Status), Is.EqualTo((403, 403)));
        Assert.That(signed, Is.EqualTo((200, "body { color: red; }")));
    }

    [Test]
    [Description(Row + "Account and API key (api.twilio.com, 2010 API)")]
    public async Task Account_OwnIsActiveWithRfc2822Dates_AnotherAccountsIs404()
    {
        using var api = Target.CreateRawClient(new Uri("https://api.twilio.com/"), AccountSid, Target.AuthToken);

        var (status, own) = await SendAsync(api, HttpMethod.Get, $"2010-04-01/Accounts/{AccountSid}.json");
        var other = await SendAsync(api, HttpMethod.Get, "2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef.json");

        Assert.That(status, Is.EqualTo(200), own?.ToString());
        Assert.That((own!.Value.GetProperty("sid").GetString(), own.Value.GetProperty("status").GetString()), Is.EqualTo((AccountSid, "active")));
        Assert.That(own.Value.GetProperty("date_created").GetString(), Does.Match(@"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} \+0000$"));
        Assert.That(own.Value.GetProperty("subresource_uris").GetProperty("keys").GetString(), Is.EqualTo($"/2010-04-01/Accounts/{AccountSid}/Keys.json"));
        AssertErrorBody(other, 404, 20404);
    }

    [Test]
    [Description(Row + "Dates")]
    public async Task Dates_AreUtcWholeSecondsIso8601()
    {
        var service = await CreateServiceAsync();

        var (_, body) = await SendAsync(Http, HttpMethod.Get, $"Services/{service.Sid}");

        Assert.That(body!.Value.GetProperty("date_created").GetString(), Does.Match(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"));
        Assert.That(body.Value.GetProperty("date_updated").GetString(), Does.Match(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"));
    }

    [Test]
    [Description(Row + "url, links, meta.*_url")]
    public async Task UrlsLinksAndMetaUrls_AreAbsoluteOnTheRequestsHost()
    {
        var service = await CreateServiceAsync();

        var (_, fetched) = await SendAsync(Http, HttpMethod.Get, $"Services/{service.Sid}");
        var (_, listed) = await SendAsync(Http, HttpMethod.Get, $"Services/{service.Sid}/Environments");

        const string host = "https://serverless.twilio.com/v1/";
        Assert.That(fetched!.Value.GetProperty("url").GetString(), Does.StartWith(host));
        Assert.That(fetched.Value.GetProperty("links").EnumerateObject().Select(l => l.Value.GetString()), Is.All.StartWith(host));
        Assert.That(listed!.Value.GetProperty("meta").GetProperty("url").GetString(), Does.StartWith(host));
        Assert.That(listed.Value.GetProperty("meta").GetProperty("first_page_url").GetString(), Does.StartWith(host));
    }
}
