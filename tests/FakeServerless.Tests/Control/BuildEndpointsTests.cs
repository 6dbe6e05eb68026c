using FakeServerless.Tests.Wire;
using Twilio.Rest.Serverless.V1.Service;

namespace FakeServerless.Tests.Control;

public sealed class BuildEndpointsTests : ControlTestBase
{
    private const string Other = "AC00000000000000000000000000000002";

    protected override FakeServerlessOptions Configure(FakeServerlessOptions options)
    {
        options.BuildCompletion = BuildCompletion.Manual;
        return options;
    }

    private (string Service, string Build) BuildingBuild(string? accountSid = null)
    {
        var account = Fake.Account(accountSid);
        var service = account.CreateService("shop");
        var function = account.CreateFunction(service.Sid, "fn");
        var version = account.CreateFunctionVersion(service.Sid, function.Sid, "/fn", "exports.handler = () => {}");
        return (service.Sid, account.CreateBuild(service.Sid, [version.Sid]).Sid);
    }

    [Test]
    public async Task Complete_BuildingBuildInAnotherAccount_AnswersTwilioBuildJsonAndSdkSeesCompleted()
    {
        BuildingBuild();
        var (service, build) = BuildingBuild(Other);

        var record = await ReadJsonAsync(await Control.PostAsync($"/_fake/builds/{build}/complete", null), 200);

        Assert.That(record["sid"]!.GetValue<string>(), Is.EqualTo(build));
        Assert.That(record["account_sid"]!.GetValue<string>(), Is.EqualTo(Other));
        Assert.That(record["status"]!.GetValue<string>(), Is.EqualTo("completed"));
        Assert.That(record["url"]!.GetValue<string>(), Does.EndWith($"/v1/Services/{service}/Builds/{build}"));
        Assert.That(record["links"]!["build_status"], Is.Not.Null);
        Assert.That(Fake.Snapshot(Other).Build(build)!.Status, Is.EqualTo(BuildStatus.Completed));
    }

    [Test]
    public async Task Fail_BuildingBuild_SdkSeesFailed()
    {
        var (service, build) = BuildingBuild();

        var record = await ReadJsonAsync(await Control.PostAsync($"/_fake/builds/{build}/fail", null), 200);
        var fetched = await BuildResource.FetchAsync(service, build, client: Twilio);

        Assert.That(record["status"]!.GetValue<string>(), Is.EqualTo("failed"));
        Assert.That(fetched.Status, Is.EqualTo(BuildResource.StatusEnum.Failed));
    }

    [Test]
    public async Task Complete_AlreadyFinished_409SaysItsStatus()
    {
        var (_, build) = BuildingBuild();
        await Control.PostAsync($"/_fake/builds/{build}/fail", null);

        var error = await TwilioErrorBody.ReadAsync(await Control.PostAsync($"/_fake/builds/{build}/complete", null), 409, 20409);

        Assert.That(error.Message, Does.Contain("already failed"));
        Assert.That(Fake.Snapshot().Build(build)!.Status, Is.EqualTo(BuildStatus.Failed));
    }

    [TestCase("ZB0123456789abcdef0123456789abcdef")]
    [TestCase("not-a-sid")]
    public async Task Complete_UnknownBuild_404(string sid)
    {
        BuildingBuild();

        var error = await TwilioErrorBody.ReadAsync(await Control.PostAsync($"/_fake/builds/{sid}/complete", null), 404, 20404);

        Assert.That(error.Message, Does.Contain(sid));
    }
}
