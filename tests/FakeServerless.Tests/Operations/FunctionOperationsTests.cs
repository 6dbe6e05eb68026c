using FakeServerless.Tests.Support;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Environment;
using Twilio.Rest.Serverless.V1.Service.Function;

namespace FakeServerless.Tests.Operations;

[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class FunctionOperationsTests(FakeServerlessTransport transport) : OperationsTestBase(transport)
{
    private string _serviceSid = string.Empty;

    [SetUp]
    public async Task CreateService() => _serviceSid = (await CreateServiceAsync()).Sid;

    [Test]
    public async Task Create_ReturnsFunction()
    {
        var function = await FunctionResource.CreateAsync(_serviceSid, friendlyName: "hello", client: Twilio);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(function.Sid, Does.Match("^ZH[0-9a-f]{32}$"));
            Assert.That(function.AccountSid, Is.EqualTo(Fake.AccountSid));
            Assert.That(function.ServiceSid, Is.EqualTo(_serviceSid));
            Assert.That(function.FriendlyName, Is.EqualTo("hello"));
            Assert.That(function.Links.Keys, Is.EquivalentTo(new[] { "function_versions" }));
            Assert.That(function.Url.AbsolutePath, Is.EqualTo($"/v1/Services/{_serviceSid}/Functions/{function.Sid}"));
        }
    }

    [Test]
    public async Task Fetch_ReturnsFunction()
    {
        var created = await FunctionResource.CreateAsync(_serviceSid, friendlyName: "hello", client: Twilio);

        var fetched = await FunctionResource.FetchAsync(_serviceSid, created.Sid, client: Twilio);

        Assert.That((fetched.Sid, fetched.FriendlyName), Is.EqualTo((created.Sid, "hello")));
    }

    [Test]
    public async Task Update_ChangesFriendlyName()
    {
        var created = await FunctionResource.CreateAsync(_serviceSid, friendlyName: "hello", client: Twilio);

        var updated = await FunctionResource.UpdateAsync(_serviceSid, created.Sid, friendlyName: "renamed", client: Twilio);

        Assert.That(updated.FriendlyName, Is.EqualTo("renamed"));
        Assert.That((await FunctionResource.FetchAsync(_serviceSid, created.Sid, client: Twilio)).FriendlyName, Is.EqualTo("renamed"));
    }

    [Test]
    public async Task Update_WithoutFriendlyName_Returns400()
    {
        var created = await FunctionResource.CreateAsync(_serviceSid, friendlyName: "hello", client: Twilio);

        var error = await ApiErrorAsync(() => FunctionResource.UpdateAsync(_serviceSid, created.Sid, friendlyName: null, client: Twilio));

        AssertError(error, 400, 20001, "Missing required parameter FriendlyName in the post body");
    }

    [Test]
    public async Task Create_WithoutFriendlyName_Returns400NamingIt()
    {
        var error = await ApiErrorAsync(() => FunctionResource.CreateAsync(_serviceSid, friendlyName: null, client: Twilio));

        AssertError(error, 400, 20001, "Missing required parameter FriendlyName in the post body");
    }

    [Test]
    public async Task Create_FriendlyNameOf256Characters_Returns400()
    {
        var error = await ApiErrorAsync(() => FunctionResource.CreateAsync(_serviceSid, friendlyName: new string('f', 256), client: Twilio));

        AssertError(error, 400, 20001, "FriendlyName must be 255 characters or less in length.");
    }

    [Test]
    public async Task Read_ListsInCreationOrder()
    {
        var a = await FunctionResource.CreateAsync(_serviceSid, friendlyName: "a", client: Twilio);
        var b = await FunctionResource.CreateAsync(_serviceSid, friendlyName: "b", client: Twilio);

        var functions = await FunctionResource.ReadAsync(_serviceSid, client: Twilio);

        Assert.That(functions.Select(f => f.Sid), Is.EqualTo(new[] { a.Sid, b.Sid }));
    }

    [Test]
    public async Task Delete_WithVersions_FunctionAndVersionsAnswer404()
    {
        var function = await FunctionResource.CreateAsync(_serviceSid, friendlyName: "hello", client: Twilio);
        var versionSid = await UploadFunctionVersionAsync(_serviceSid, function.Sid, "/hello");

        var deleted = await FunctionResource.DeleteAsync(_serviceSid, function.Sid, client: Twilio);

        Assert.That(deleted, Is.True);
        AssertError(await ApiErrorAsync(() => FunctionResource.FetchAsync(_serviceSid, function.Sid, client: Twilio)), 404, 20404);
        AssertError(await ApiErrorAsync(() => FunctionVersionResource.FetchAsync(_serviceSid, function.Sid, versionSid, client: Twilio)), 404, 20404);
        Assert.That(await FunctionResource.ReadAsync(_serviceSid, client: Twilio), Is.Empty);
    }

    [Test]
    public async Task Delete_VersionInBuildNotDeployed_Succeeds()
    {
        var function = await FunctionResource.CreateAsync(_serviceSid, friendlyName: "hello", client: Twilio);
        await CreateCompletedBuildAsync(_serviceSid, await UploadFunctionVersionAsync(_serviceSid, function.Sid, "/hello"));

        var deleted = await FunctionResource.DeleteAsync(_serviceSid, function.Sid, client: Twilio);

        Assert.That(deleted, Is.True);
    }

    [Test]
    public async Task Delete_VersionInLiveBuild_Returns409()
    {
        var environment = await CreateEnvironmentAsync(_serviceSid);
        var function = await FunctionResource.CreateAsync(_serviceSid, friendlyName: "hello", client: Twilio);
        var build = await CreateCompletedBuildAsync(_serviceSid, await UploadFunctionVersionAsync(_serviceSid, function.Sid, "/hello"));
        await DeploymentResource.CreateAsync(_serviceSid, environment.Sid, buildSid: build.Sid, client: Twilio);

        var error = await ApiErrorAsync(() => FunctionResource.DeleteAsync(_serviceSid, function.Sid, client: Twilio));

        AssertError(error, 409, 20409);
        Assert.That(error.Message, Does.Contain(function.Sid));
        Assert.That((await FunctionResource.FetchAsync(_serviceSid, function.Sid, client: Twilio)).Sid, Is.EqualTo(function.Sid));
    }

    [Test]
    public async Task Delete_AfterClearingTheEnvironment_Succeeds()
    {
        var environment = await CreateEnvironmentAsync(_serviceSid);
        var function = await FunctionResource.CreateAsync(_serviceSid, friendlyName: "hello", client: Twilio);
        var build = await CreateCompletedBuildAsync(_serviceSid, await UploadFunctionVersionAsync(_serviceSid, function.Sid, "/hello"));
        await DeploymentResource.CreateAsync(_serviceSid, environment.Sid, buildSid: build.Sid, client: Twilio);
        await ApiErrorAsync(() => FunctionResource.DeleteAsync(_serviceSid, function.Sid, client: Twilio));

        await DeploymentResource.CreateAsync(_serviceSid, environment.Sid, client: Twilio);
        var deleted = await FunctionResource.DeleteAsync(_serviceSid, function.Sid, client: Twilio);

        Assert.That(deleted, Is.True);
    }

    [Test]
    public async Task Delete_AfterDeployingABuildWithoutIt_Succeeds()
    {
        var environment = await CreateEnvironmentAsync(_serviceSid);
        var function = await FunctionResource.CreateAsync(_serviceSid, friendlyName: "hello", client: Twilio);
        var withFunction = await CreateCompletedBuildAsync(_serviceSid, await UploadFunctionVersionAsync(_serviceSid, function.Sid, "/hello"));
        var without = await CreateCompletedBuildAsync(_serviceSid, await CreateFunctionVersionAsync(_serviceSid, "/other"));
        await DeploymentResource.CreateAsync(_serviceSid, environment.Sid, buildSid: withFunction.Sid, client: Twilio);

        await DeploymentResource.CreateAsync(_serviceSid, environment.Sid, buildSid: without.Sid, client: Twilio);
        var deleted = await FunctionResource.DeleteAsync(_serviceSid, function.Sid, client: Twilio);

        Assert.That(deleted, Is.True);
    }

    [Test]
    public async Task Fetch_UnknownFunction_Returns404()
    {
        const string sid = "ZH0123456789abcdef0123456789abcdef";

        var error = await ApiErrorAsync(() => FunctionResource.FetchAsync(_serviceSid, sid, client: Twilio));

        AssertError(error, 404, 20404, $"The requested resource /Services/{_serviceSid}/Functions/{sid} was not found");
    }

    [Test]
    public async Task Fetch_FunctionOfAnotherService_Returns404()
    {
        var other = await CreateServiceAsync("other");
        var foreign = await FunctionResource.CreateAsync(other.Sid, friendlyName: "hello", client: Twilio);

        var error = await ApiErrorAsync(() => FunctionResource.FetchAsync(_serviceSid, foreign.Sid, client: Twilio));

        AssertError(error, 404, 20404);
    }

    [Test]
    public async Task Delete_FunctionInAnOldBuild_BuildKeepsItsEmbeddedVersion()
    {
        var function = await FunctionResource.CreateAsync(_serviceSid, friendlyName: "hello", client: Twilio);
        var versionSid = await UploadFunctionVersionAsync(_serviceSid, function.Sid, "/hello");
        var build = await CreateCompletedBuildAsync(_serviceSid, versionSid);

        await FunctionResource.DeleteAsync(_serviceSid, function.Sid, client: Twilio);

        var fetched = await BuildResource.FetchAsync(_serviceSid, build.Sid, client: Twilio);
        Assert.That(fetched.FunctionVersions.Select(v => (string?)((Newtonsoft.Json.Linq.JObject)v)["sid"]), Is.EqualTo(new[] { versionSid }));
    }
}
