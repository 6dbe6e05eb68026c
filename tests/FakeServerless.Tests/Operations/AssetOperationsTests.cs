using FakeServerless.Tests.Support;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Environment;
using Twilio.Rest.Serverless.V1.Service.Asset;

namespace FakeServerless.Tests.Operations;

[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class AssetOperationsTests(FakeServerlessTransport transport) : OperationsTestBase(transport)
{
    private string _serviceSid = string.Empty;

    [SetUp]
    public async Task CreateService() => _serviceSid = (await CreateServiceAsync()).Sid;

    [Test]
    public async Task Create_ReturnsAsset()
    {
        var asset = await AssetResource.CreateAsync(_serviceSid, friendlyName: "hello", client: Twilio);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(asset.Sid, Does.Match("^ZH[0-9a-f]{32}$"));
            Assert.That(asset.AccountSid, Is.EqualTo(Fake.AccountSid));
            Assert.That(asset.ServiceSid, Is.EqualTo(_serviceSid));
            Assert.That(asset.FriendlyName, Is.EqualTo("hello"));
            Assert.That(asset.Links.Keys, Is.EquivalentTo(new[] { "asset_versions" }));
            Assert.That(asset.Url.AbsolutePath, Is.EqualTo($"/v1/Services/{_serviceSid}/Assets/{asset.Sid}"));
        }
    }

    [Test]
    public async Task Fetch_ReturnsAsset()
    {
        var created = await AssetResource.CreateAsync(_serviceSid, friendlyName: "hello", client: Twilio);

        var fetched = await AssetResource.FetchAsync(_serviceSid, created.Sid, client: Twilio);

        Assert.That((fetched.Sid, fetched.FriendlyName), Is.EqualTo((created.Sid, "hello")));
    }

    [Test]
    public async Task Update_ChangesFriendlyName()
    {
        var created = await AssetResource.CreateAsync(_serviceSid, friendlyName: "hello", client: Twilio);

        var updated = await AssetResource.UpdateAsync(_serviceSid, created.Sid, friendlyName: "renamed", client: Twilio);

        Assert.That(updated.FriendlyName, Is.EqualTo("renamed"));
        Assert.That((await AssetResource.FetchAsync(_serviceSid, created.Sid, client: Twilio)).FriendlyName, Is.EqualTo("renamed"));
    }

    [Test]
    public async Task Update_WithoutFriendlyName_Returns400()
    {
        var created = await AssetResource.CreateAsync(_serviceSid, friendlyName: "hello", client: Twilio);

        var error = await ApiErrorAsync(() => AssetResource.UpdateAsync(_serviceSid, created.Sid, friendlyName: null, client: Twilio));

        AssertError(error, 400, 20001, "Missing required parameter FriendlyName in the post body");
    }

    [Test]
    public async Task Create_WithoutFriendlyName_Returns400NamingIt()
    {
        var error = await ApiErrorAsync(() => AssetResource.CreateAsync(_serviceSid, friendlyName: null, client: Twilio));

        AssertError(error, 400, 20001, "Missing required parameter FriendlyName in the post body");
    }

    [Test]
    public async Task Create_FriendlyNameOf256Characters_Returns400()
    {
        var error = await ApiErrorAsync(() => AssetResource.CreateAsync(_serviceSid, friendlyName: new string('f', 256), client: Twilio));

        AssertError(error, 400, 20001, "FriendlyName must be 255 characters or less in length.");
    }

    [Test]
    public async Task Read_ListsInCreationOrder()
    {
        var a = await AssetResource.CreateAsync(_serviceSid, friendlyName: "a", client: Twilio);
        var b = await AssetResource.CreateAsync(_serviceSid, friendlyName: "b", client: Twilio);

        var assets = await AssetResource.ReadAsync(_serviceSid, client: Twilio);

        Assert.That(assets.Select(f => f.Sid), Is.EqualTo(new[] { a.Sid, b.Sid }));
    }

    [Test]
    public async Task Delete_WithVersions_AssetAndVersionsAnswer404()
    {
        var asset = await AssetResource.CreateAsync(_serviceSid, friendlyName: "hello", client: Twilio);
        var versionSid = await UploadAssetVersionAsync(_serviceSid, asset.Sid, "/hello");

        var deleted = await AssetResource.DeleteAsync(_serviceSid, asset.Sid, client: Twilio);

        Assert.That(deleted, Is.True);
        AssertError(await ApiErrorAsync(() => AssetResource.FetchAsync(_serviceSid, asset.Sid, client: Twilio)), 404, 20404);
        AssertError(await ApiErrorAsync(() => AssetVersionResource.FetchAsync(_serviceSid, asset.Sid, versionSid, client: Twilio)), 404, 20404);
        Assert.That(await AssetResource.ReadAsync(_serviceSid, client: Twilio), Is.Empty);
    }

    [Test]
    public async Task Delete_VersionInBuildNotDeployed_Succeeds()
    {
        var asset = await AssetResource.CreateAsync(_serviceSid, friendlyName: "hello", client: Twilio);
        await CreateCompletedBuildAsync(_serviceSid, [], [await UploadAssetVersionAsync(_serviceSid, asset.Sid, "/hello")]);

        var deleted = await AssetResource.DeleteAsync(_serviceSid, asset.Sid, client: Twilio);

        Assert.That(deleted, Is.True);
    }

    [Test]
    public async Task Delete_VersionInLiveBuild_Returns409()
    {
        var environment = await CreateEnvironmentAsync(_serviceSid);
        var asset = await AssetResource.CreateAsync(_serviceSid, friendlyName: "hello", client: Twilio);
        var build = await CreateCompletedBuildAsync(_serviceSid, [], [await UploadAssetVersionAsync(_serviceSid, asset.Sid, "/hello")]);
        await DeploymentResource.CreateAsync(_serviceSid, environment.Sid, buildSid: build.Sid, client: Twilio);

        var error = await ApiErrorAsync(() => AssetResource.DeleteAsync(_serviceSid, asset.Sid, client: Twilio));

        AssertError(error, 409, 20409);
        Assert.That(error.Message, Does.Contain(asset.Sid));
        Assert.That((await AssetResource.FetchAsync(_serviceSid, asset.Sid, client: Twilio)).Sid, Is.EqualTo(asset.Sid));
    }

    [Test]
    public async Task Delete_AfterClearingTheEnvironment_Succeeds()
    {
        var environment = await CreateEnvironmentAsync(_serviceSid);
        var asset = await AssetResource.CreateAsync(_serviceSid, friendlyName: "hello", client: Twilio);
        var build = await CreateCompletedBuildAsync(_serviceSid, [], [await UploadAssetVersionAsync(_serviceSid, asset.Sid, "/hello")]);
        await DeploymentResource.CreateAsync(_serviceSid, environment.Sid, buildSid: build.Sid, client: Twilio);
        await ApiErrorAsync(() => AssetResource.DeleteAsync(_serviceSid, asset.Sid, client: Twilio));

        await DeploymentResource.CreateAsync(_serviceSid, environment.Sid, client: Twilio);
        var deleted = await AssetResource.DeleteAsync(_serviceSid, asset.Sid, client: Twilio);

        Assert.That(deleted, Is.True);
    }

    [Test]
    public async Task Delete_AfterDeployingABuildWithoutIt_Succeeds()
    {
        var environment = await CreateEnvironmentAsync(_serviceSid);
        var asset = await AssetResource.CreateAsync(_serviceSid, friendlyName: "hello", client: Twilio);
        var withAsset = await CreateCompletedBuildAsync(_serviceSid, [], [await UploadAssetVersionAsync(_serviceSid, asset.Sid, "/hello")]);
        var without = await CreateCompletedBuildAsync(_serviceSid, await CreateFunctionVersionAsync(_serviceSid, "/other"));
        await DeploymentResource.CreateAsync(_serviceSid, environment.Sid, buildSid: withAsset.Sid, client: Twilio);

        await DeploymentResource.CreateAsync(_serviceSid, environment.Sid, buildSid: without.Sid, client: Twilio);
        var deleted = await AssetResource.DeleteAsync(_serviceSid, asset.Sid, client: Twilio);

        Assert.That(deleted, Is.True);
    }

    [Test]
    public async Task Fetch_UnknownAsset_Returns404()
    {
        const string sid = "ZH0123456789abcdef0123456789abcdef";

        var error = await ApiErrorAsync(() => AssetResource.FetchAsync(_serviceSid, sid, client: Twilio));

        AssertError(error, 404, 20404, $"The requested resource /Services/{_serviceSid}/Assets/{sid} was not found");
    }

    [Test]
    public async Task Fetch_AssetOfAnotherService_Returns404()
    {
        var other = await CreateServiceAsync("other");
        var foreign = await AssetResource.CreateAsync(other.Sid, friendlyName: "hello", client: Twilio);

        var error = await ApiErrorAsync(() => AssetResource.FetchAsync(_serviceSid, foreign.Sid, client: Twilio));

        AssertError(error, 404, 20404);
    }
}
