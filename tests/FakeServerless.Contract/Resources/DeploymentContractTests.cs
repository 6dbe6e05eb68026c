using FakeServerless.Contract.Support;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Contract.Resources;

public sealed class DeploymentContractTests : ContractTestBase
{
    private async Task<(string Service, string Environment, string Version)> SetUpServiceAsync()
    {
        var service = await CreateServiceAsync();
        var environment = await CreateEnvironmentAsync(service.Sid);
        return (service.Sid, environment.Sid, await CreateFunctionVersionAsync(service.Sid));
    }

    [Test]
    public async Task Create_WithACompletedBuild_MakesItLive()
    {
        var (service, environment, version) = await SetUpServiceAsync();
        var build = await CreateCompletedBuildAsync(service, [version]);

        var deployment = await DeploymentResource.CreateAsync(service, environment, buildSid: build.Sid, client: Twilio);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(deployment.Sid, Does.Match("^ZD[0-9a-f]{32}$"));
            Assert.That((deployment.ServiceSid, deployment.EnvironmentSid, deployment.BuildSid, deployment.AccountSid), Is.EqualTo((service, environment, build.Sid, AccountSid)));
            Assert.That(deployment.Url, Is.EqualTo(new Uri($"https://serverless.twilio.com/v1/Services/{service}/Environments/{environment}/Deployments/{deployment.Sid}")));
        }

        Assert.That((await EnvironmentResource.FetchAsync(service, environment, client: Twilio)).BuildSid, Is.EqualTo(build.Sid));
    }

    [Test]
    public async Task FetchAndRead_ListNewestFirst()
    {
        var (service, environment, version) = await SetUpServiceAsync();
        var first = await CreateCompletedBuildAsync(service, [version]);
        var second = await CreateCompletedBuildAsync(service, [version]);
        var d1 = await DeploymentResource.CreateAsync(service, environment, buildSid: first.Sid, client: Twilio);
        var d2 = await DeploymentResource.CreateAsync(service, environment, buildSid: second.Sid, client: Twilio);

        var fetched = await DeploymentResource.FetchAsync(service, environment, d1.Sid, client: Twilio);
        var listed = await DeploymentResource.ReadAsync(service, environment, client: Twilio);

        Assert.That(fetched.BuildSid, Is.EqualTo(first.Sid));
        Assert.That(listed.Select(d => d.Sid), Is.EqualTo(new[] { d2.Sid, d1.Sid }));
        Assert.That((await EnvironmentResource.FetchAsync(service, environment, client: Twilio)).BuildSid, Is.EqualTo(second.Sid));
    }

    /// <summary>The clear rule: a deployment without a build empties the environment and replaces its deployment history.</summary>
    [Test]
    public async Task Create_WithoutBuildSid_ClearsTheEnvironment()
    {
        var (service, environment, version) = await SetUpServiceAsync();
        var build = await CreateCompletedBuildAsync(service, [version]);
        var live = await DeploymentResource.CreateAsync(service, environment, buildSid: build.Sid, client: Twilio);

        var clearing = await DeploymentResource.CreateAsync(service, environment, client: Twilio);

        Assert.That(clearing.BuildSid, Is.Null);
        Assert.That((await EnvironmentResource.FetchAsync(service, environment, client: Twilio)).BuildSid, Is.Null);
        AssertError(await ApiErrorAsync(() => DeploymentResource.FetchAsync(service, environment, live.Sid, client: Twilio)), 404, 20404);
        var listed = await DeploymentResource.ReadAsync(service, environment, client: Twilio);
        Assert.That(listed.Select(d => d.Sid), Is.EqualTo(new[] { clearing.Sid }));
    }

    [Test]
    public async Task Create_AfterClearing_TheBuildCanGoLiveAgain()
    {
        var (service, environment, version) = await SetUpServiceAsync();
        var build = await CreateCompletedBuildAsync(service, [version]);
        await DeploymentResource.CreateAsync(service, environment, buildSid: build.Sid, client: Twilio);
        await DeploymentResource.CreateAsync(service, environment, client: Twilio);

        var again = await DeploymentResource.CreateAsync(service, environment, buildSid: build.Sid, client: Twilio);

        Assert.That(again.BuildSid, Is.EqualTo(build.Sid));
        Assert.That((await EnvironmentResource.FetchAsync(service, environment, client: Twilio)).BuildSid, Is.EqualTo(build.Sid));
    }
}
