using System.Collections.Concurrent;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Build;

namespace FakeServerless.NUnit.Tests;

/// <summary>With <c>ServerPerTest</c>, server-wide settings (function handlers, failing builds, Reset) stay inside one test.</summary>
[Parallelizable(ParallelScope.All)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class ServerPerTestTests : FakeServerlessTestBase
{
    private static readonly ConcurrentDictionary<FakeServerlessServer, string> Seen = new();

    protected override bool ServerPerTest => true;

    private TwilioRestClient Twilio => new(AccountSid, AuthToken, httpClient: new SystemNetHttpClient(CreateHttpClient()));

    [Test]
    public void Fake_EachTest_ItsOwnServer([Range(1, 4)] int n)
    {
        Assert.That(Seen.TryAdd(Fake, TestContext.CurrentContext.Test.FullName), Is.True);
    }

    [Test]
    public async Task MapFunction_OnTheTestsServer_ServesTheHandler([Values("one", "two")] string answer)
    {
        var environment = Account.CreateEnvironment(Account.CreateService("shop").Sid, "dev", "dev");
        var function = Account.CreateFunction("shop", "hello");
        var version = Account.CreateFunctionVersion("shop", function.Sid, "/hello", "exports.handler = () => {}");
        Account.Deploy("shop", environment.Sid, Account.CreateBuild("shop", [version.Sid]).Sid);
        Fake.MapFunction("/hello", (_, _) => FunctionResponse.Text(answer));

        var body = await CreateHttpClient().GetStringAsync($"https://{environment.DomainName}/hello");

        Assert.That(body, Is.EqualTo(answer));
    }

    [Test]
    public async Task FailNextBuild_OnTheTestsServer_OnlyThisTestsBuildFails([Values(true, false)] bool fail)
    {
        Account.CreateService("shop");
        var version = Account.CreateFunctionVersion("shop", Account.CreateFunction("shop", "hello").Sid, "/hello", "exports.handler = () => {}");
        if (fail)
        {
            Fake.FailNextBuild();
        }

        var build = await BuildResource.CreateAsync("shop", functionVersions: [version.Sid], client: Twilio);
        var status = await BuildStatusResource.FetchAsync("shop", build.Sid, client: Twilio);

        Assert.That(status.Status, Is.EqualTo(fail ? BuildStatusResource.StatusEnum.Failed : BuildStatusResource.StatusEnum.Completed));
    }
}
