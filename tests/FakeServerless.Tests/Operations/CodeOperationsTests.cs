using FakeServerless.Tests.Support;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Tests.Operations;

/// <summary>Functions and Assets, one contract: each test runs for both kinds (and both transports) through the kind's own SDK calls.</summary>
[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.WithCodeKinds))]
public sealed class CodeOperationsTests(FakeServerlessTransport transport, CodeKind kind) : OperationsTestBase(transport)
{
    private string _serviceSid = string.Empty;

    [SetUp]
    public async Task CreateService() => _serviceSid = (await CreateServiceAsync()).Sid;

    [Test]
    public async Task Create_ReturnsIt()
    {
        var created = await kind.CreateAsync(_serviceSid, "hello", Twilio);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.Sid, Does.Match("^ZH[0-9a-f]{32}$"));
            Assert.That(created.AccountSid, Is.EqualTo(Fake.AccountSid));
            Assert.That(created.ServiceSid, Is.EqualTo(_serviceSid));
            Assert.That(created.FriendlyName, Is.EqualTo("hello"));
            Assert.That(created.Links.Keys, Is.EquivalentTo(new[] { kind.VersionsLink() }));
            Assert.That(created.Url.AbsolutePath, Is.EqualTo($"/v1/Services/{_serviceSid}/{kind.Collection()}/{created.Sid}"));
        }
    }

    [Test]
    public async Task Fetch_ReturnsIt()
    {
        var created = await kind.CreateAsync(_serviceSid, "hello", Twilio);

        var fetched = await kind.FetchAsync(_serviceSid, created.Sid, Twilio);

        Assert.That((fetched.Sid, fetched.FriendlyName), Is.EqualTo((created.Sid, "hello")));
    }

    [Test]
    public async Task Update_ChangesFriendlyName()
    {
        var created = await kind.CreateAsync(_serviceSid, "hello", Twilio);

        var updated = await kind.UpdateAsync(_serviceSid, created.Sid, "renamed", Twilio);

        Assert.That(updated.FriendlyName, Is.EqualTo("renamed"));
        Assert.That((await kind.FetchAsync(_serviceSid, created.Sid, Twilio)).FriendlyName, Is.EqualTo("renamed"));
    }

    [Test]
    public async Task Update_WithoutFriendlyName_Returns400()
    {
        var created = await kind.CreateAsync(_serviceSid, "hello", Twilio);

        var error = await ApiErrorAsync(() => kind.UpdateAsync(_serviceSid, created.Sid, null, Twilio));

        AssertError(error, 400, 20001, "Missing required parameter FriendlyName in the post body");
    }

    [Test]
    public async Task Create_WithoutFriendlyName_Returns400NamingIt()
    {
        var error = await ApiErrorAsync(() => kind.CreateAsync(_serviceSid, null, Twilio));

        AssertError(error, 400, 20001, "Missing required parameter FriendlyName in the post body");
    }

    [Test]
    public async Task Create_FriendlyNameOf256Characters_Returns400()
    {
        var error = await ApiErrorAsync(() => kind.CreateAsync(_serviceSid, new string('f', 256), Twilio));

        AssertError(error, 400, 20001, "FriendlyName must be 255 characters or less in length.");
    }

    [Test]
    public async Task Read_ListsInCreationOrder()
    {
        var a = await kind.CreateAsync(_serviceSid, "a", Twilio);
        var b = await kind.CreateAsync(_serviceSid, "b", Twilio);

        var listed = await kind.ReadAsync(_serviceSid, Twilio);

        Assert.That(listed.Select(f => f.Sid), Is.EqualTo(new[] { a.Sid, b.Sid }));
    }

    [Test]
    public async Task Delete_WithVersions_ItAndItsVersionsAnswer404()
    {
        var created = await kind.CreateAsync(_serviceSid, "hello", Twilio);
        var versionSid = await UploadVersionAsync(kind, _serviceSid, created.Sid, "/hello");

        var deleted = await kind.DeleteAsync(_serviceSid, created.Sid, Twilio);

        Assert.That(deleted, Is.True);
        AssertError(await ApiErrorAsync(() => kind.FetchAsync(_serviceSid, created.Sid, Twilio)), 404, 20404);
        AssertError(await ApiErrorAsync(() => kind.FetchVersionAsync(_serviceSid, created.Sid, versionSid, Twilio)), 404, 20404);
        Assert.That(await kind.ReadAsync(_serviceSid, Twilio), Is.Empty);
    }

    [Test]
    public async Task Delete_VersionInBuildNotDeployed_Succeeds()
    {
        var created = await kind.CreateAsync(_serviceSid, "hello", Twilio);
        await CreateCompletedBuildAsync(kind, _serviceSid, await UploadVersionAsync(kind, _serviceSid, created.Sid, "/hello"));

        var deleted = await kind.DeleteAsync(_serviceSid, created.Sid, Twilio);

        Assert.That(deleted, Is.True);
    }

    [Test]
    public async Task Delete_VersionInLiveBuild_Returns409()
    {
        var environment = await CreateEnvironmentAsync(_serviceSid);
        var created = await kind.CreateAsync(_serviceSid, "hello", Twilio);
        var build = await CreateCompletedBuildAsync(kind, _serviceSid, await UploadVersionAsync(kind, _serviceSid, created.Sid, "/hello"));
        await DeploymentResource.CreateAsync(_serviceSid, environment.Sid, buildSid: build.Sid, client: Twilio);

        var error = await ApiErrorAsync(() => kind.DeleteAsync(_serviceSid, created.Sid, Twilio));

        AssertError(error, 409, 20409);
        Assert.That(error.Message, Does.Contain(created.Sid));
        Assert.That((await kind.FetchAsync(_serviceSid, created.Sid, Twilio)).Sid, Is.EqualTo(created.Sid));
    }

    [Test]
    public async Task Delete_AfterClearingTheEnvironment_Succeeds()
    {
        var environment = await CreateEnvironmentAsync(_serviceSid);
        var created = await kind.CreateAsync(_serviceSid, "hello", Twilio);
        var build = await CreateCompletedBuildAsync(kind, _serviceSid, await UploadVersionAsync(kind, _serviceSid, created.Sid, "/hello"));
        await DeploymentResource.CreateAsync(_serviceSid, environment.Sid, buildSid: build.Sid, client: Twilio);
        await ApiErrorAsync(() => kind.DeleteAsync(_serviceSid, created.Sid, Twilio));

        await DeploymentResource.CreateAsync(_serviceSid, environment.Sid, client: Twilio);
        var deleted = await kind.DeleteAsync(_serviceSid, created.Sid, Twilio);

        Assert.That(deleted, Is.True);
    }

    [Test]
    public async Task Delete_AfterDeployingABuildWithoutIt_Succeeds()
    {
        var environment = await CreateEnvironmentAsync(_serviceSid);
        var created = await kind.CreateAsync(_serviceSid, "hello", Twilio);
        var withIt = await CreateCompletedBuildAsync(kind, _serviceSid, await UploadVersionAsync(kind, _serviceSid, created.Sid, "/hello"));
        var without = await CreateCompletedBuildAsync(_serviceSid, await CreateFunctionVersionAsync(_serviceSid, "/other"));
        await DeploymentResource.CreateAsync(_serviceSid, environment.Sid, buildSid: withIt.Sid, client: Twilio);

        await DeploymentResource.CreateAsync(_serviceSid, environment.Sid, buildSid: without.Sid, client: Twilio);
        var deleted = await kind.DeleteAsync(_serviceSid, created.Sid, Twilio);

        Assert.That(deleted, Is.True);
    }

    [Test]
    public async Task Fetch_Unknown_Returns404()
    {
        const string sid = "ZH0123456789abcdef0123456789abcdef";

        var error = await ApiErrorAsync(() => kind.FetchAsync(_serviceSid, sid, Twilio));

        AssertError(error, 404, 20404, $"The requested resource /Services/{_serviceSid}/{kind.Collection()}/{sid} was not found");
    }

    [Test]
    public async Task Fetch_OfAnotherService_Returns404()
    {
        var other = await CreateServiceAsync("other");
        var foreign = await kind.CreateAsync(other.Sid, "hello", Twilio);

        var error = await ApiErrorAsync(() => kind.FetchAsync(_serviceSid, foreign.Sid, Twilio));

        AssertError(error, 404, 20404);
    }

    [Test]
    public async Task Delete_InAnOldBuild_BuildKeepsItsEmbeddedVersion()
    {
        var created = await kind.CreateAsync(_serviceSid, "hello", Twilio);
        var versionSid = await UploadVersionAsync(kind, _serviceSid, created.Sid, "/hello");
        var build = await CreateCompletedBuildAsync(kind, _serviceSid, versionSid);

        await kind.DeleteAsync(_serviceSid, created.Sid, Twilio);

        var fetched = await BuildResource.FetchAsync(_serviceSid, build.Sid, client: Twilio);
        Assert.That(kind.VersionsIn(fetched), Is.EqualTo(new[] { versionSid }));
    }
}
