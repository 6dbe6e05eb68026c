using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Serverless.V1;

namespace FakeServerless.NUnit.Tests;

/// <summary>The default lifecycle: one fixture instance runs every test in parallel, yet each test keeps its own account.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class ParallelSingleInstanceTests : FakeServerlessTestBase
{
    private TwilioRestClient Twilio => new(AccountSid, AuthToken, httpClient: new SystemNetHttpClient(CreateHttpClient()));

    [Test]
    public async Task CreateService_SameUniqueNameAsParallelTests_EachTestSeesOnlyItsOwn([Range(1, 12)] int n)
    {
        var sidAtStart = AccountSid;
        await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: $"Shop {n}", client: Twilio);
        await Task.Delay(25);
        var listed = await ServiceResource.ReadAsync(client: Twilio);

        Assert.That(AccountSid, Is.EqualTo(sidAtStart));
        Assert.That(listed.Select(s => s.FriendlyName), Is.EqualTo(new[] { $"Shop {n}" }));
        Assert.That(Journal.Entries.Select(e => e.AccountSid), Is.All.EqualTo(sidAtStart));
    }

    [Test]
    public async Task MapFunction_SamePathInParallelTests_EachTestsDomainAnswersItsOwn([Range(1, 6)] int n)
    {
        var environment = Account.CreateEnvironment(Account.CreateService("shop").Sid, "dev", "dev");
        var version = Account.CreateFunctionVersion("shop", Account.CreateFunction("shop", "hello").Sid, "/hello", "exports.handler = () => {}");
        Account.Deploy("shop", environment.Sid, Account.CreateBuild("shop", [version.Sid]).Sid);
        MapFunction("/hello", (_, _) => FunctionResponse.Text($"test {n}"));
        await Task.Delay(25);

        var body = await CreateHttpClient().GetStringAsync($"https://{environment.DomainName}/hello");

        Assert.That(body, Is.EqualTo($"test {n}"));
    }

    [Test]
    public async Task Scope_InsideTaskRun_StillThisTestsScope()
    {
        var expected = AccountSid;

        var seen = await Task.Run(() => AccountSid);

        Assert.That(seen, Is.EqualTo(expected));
    }
}
