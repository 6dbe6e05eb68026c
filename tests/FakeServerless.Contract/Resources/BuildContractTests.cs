using FakeServerless.Contract.Support;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Build;

namespace FakeServerless.Contract.Resources;

public sealed class BuildContractTests : ContractTestBase
{
    [Test]
    public async Task Create_AnswersBuildingWithTheVersionsEmbedded()
    {
        var service = await CreateServiceAsync();
        var functionVersion = await CreateFunctionVersionAsync(service.Sid);
        var assetVersion = await CreateAssetVersionAsync(service.Sid);

        var build = await BuildResource.CreateAsync(service.Sid, assetVersions: [assetVersion], functionVersions: [functionVersion], client: Twilio);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(build.Sid, Does.Match("^ZB[0-9a-f]{32}$"));
            Assert.That(build.Status, Is.EqualTo(BuildResource.StatusEnum.Building));
            Assert.That(build.FunctionVersions.Select(v => ((Newtonsoft.Json.Linq.JObject)v)["sid"]!.ToString()), Is.EqualTo(new[] { functionVersion }));
            Assert.That(build.AssetVersions.Select(v => ((Newtonsoft.Json.Linq.JObject)v)["sid"]!.ToString()), Is.EqualTo(new[] { assetVersion }));
            Assert.That(build.Links["build_status"], Is.EqualTo($"https://serverless.twilio.com/v1/Services/{service.Sid}/Builds/{build.Sid}/Status"));
        }
    }

    [Test]
    public async Task Status_PolledUntilCompleted_BuildIsCompleted()
    {
        var service = await CreateServiceAsync();
        var version = await CreateFunctionVersionAsync(service.Sid);
        var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [version], client: Twilio);

        var status = await WaitForBuildAsync(service.Sid, build.Sid);

        Assert.That(status, Is.EqualTo(BuildStatusResource.StatusEnum.Completed));
        var fetched = await BuildResource.FetchAsync(service.Sid, build.Sid, client: Twilio);
        Assert.That(fetched.Status, Is.EqualTo(BuildResource.StatusEnum.Completed));
        var statusResource = await BuildStatusResource.FetchAsync(service.Sid, build.Sid, client: Twilio);
        Assert.That((statusResource.Sid, statusResource.ServiceSid), Is.EqualTo((build.Sid, service.Sid)));
    }

    [Test]
    public async Task Read_ListsNewestFirst()
    {
        var service = await CreateServiceAsync();
        var version = await CreateFunctionVersionAsync(service.Sid);
        var first = await CreateCompletedBuildAsync(service.Sid, [version]);
        var second = await CreateCompletedBuildAsync(service.Sid, [version]);

        var listed = await BuildResource.ReadAsync(service.Sid, client: Twilio);

        Assert.That(listed.Select(b => b.Sid), Is.EqualTo(new[] { second.Sid, first.Sid }));
    }

    [Test]
    public async Task Delete_ABuildNotLive_ThenFetch_Is404()
    {
        var service = await CreateServiceAsync();
        var version = await CreateFunctionVersionAsync(service.Sid);
        var build = await CreateCompletedBuildAsync(service.Sid, [version]);

        Assert.That(await BuildResource.DeleteAsync(service.Sid, build.Sid, client: Twilio), Is.True);

        AssertError(await ApiErrorAsync(() => BuildResource.FetchAsync(service.Sid, build.Sid, client: Twilio)), 404, 20404);
    }
}
