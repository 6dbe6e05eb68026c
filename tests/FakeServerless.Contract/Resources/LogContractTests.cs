using FakeServerless.Contract.Live;
using FakeServerless.Contract.Support;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Contract.Resources;

public sealed class LogContractTests : ContractTestBase
{
    [Test]
    public async Task Read_ANewEnvironment_IsEmpty()
    {
        var service = await CreateServiceAsync();
        var environment = await CreateEnvironmentAsync(service.Sid);

        var logs = await LogResource.ReadAsync(service.Sid, environment.Sid, client: Twilio);

        Assert.That(logs, Is.Empty);
    }

    [Test]
    public async Task Read_RawPage_HasTheLogsKeyAndMeta()
    {
        var service = await CreateServiceAsync();
        var environment = await CreateEnvironmentAsync(service.Sid);

        var (status, body) = await SendAsync(Http, HttpMethod.Get, $"Services/{service.Sid}/Environments/{environment.Sid}/Logs");

        Assert.That(status, Is.EqualTo(200));
        Assert.That(body!.Value.GetProperty("logs").GetArrayLength(), Is.Zero);
        Assert.That(body.Value.GetProperty("meta").GetProperty("key").GetString(), Is.EqualTo("logs"));
    }

    [Test]
    public async Task Read_WithAWindowInThePast_IsEmptyAndTheWindowIsInTheNextPageUrlsQuery()
    {
        var service = await CreateServiceAsync();
        var environment = await CreateEnvironmentAsync(service.Sid);

        var (status, body) = await SendAsync(Http, HttpMethod.Get, $"Services/{service.Sid}/Environments/{environment.Sid}/Logs?StartDate=2020-01-01T00:00:00Z&EndDate=2020-01-02T00:00:00Z");

        Assert.That(status, Is.EqualTo(200), body?.ToString());
        Assert.That(body!.Value.GetProperty("logs").GetArrayLength(), Is.Zero);
        Assert.That(body.Value.GetProperty("meta").GetProperty("url").GetString(), Does.Contain("StartDate=2020-01-01T00%3A00%3A00Z"));
    }

    [Test]
    public async Task Fetch_AnUnknownLog_Is404()
    {
        var service = await CreateServiceAsync();
        var environment = await CreateEnvironmentAsync(service.Sid);

        var error = await ApiErrorAsync(() => LogResource.FetchAsync(service.Sid, environment.Sid, "NO" + new string('0', 32), client: Twilio));

        AssertError(error, 404, 20404);
    }

    [Test]
    [Category(ContractCategories.FakeOnly)]
    public async Task FetchAndRead_ALog_ReturnsItsFields()
    {
        var fake = RequireFake("logs are seeded; a real account logs only invoked functions, after a delay");
        var service = await CreateServiceAsync();
        var environment = await CreateEnvironmentAsync(service.Sid);
        var function = await CreateFunctionAsync(service.Sid);
        var seeded = fake.Account().AppendLog(service.Sid, environment.Sid, "hello from the log", functionSid: function.Sid);

        var fetched = await LogResource.FetchAsync(service.Sid, environment.Sid, seeded.Sid, client: Twilio);
        var byFunction = await LogResource.ReadAsync(service.Sid, environment.Sid, functionSid: function.Sid, client: Twilio);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(fetched.Sid, Does.Match("^NO[0-9a-f]{32}$"));
            Assert.That((fetched.Message, fetched.FunctionSid, fetched.EnvironmentSid, fetched.ServiceSid), Is.EqualTo(("hello from the log", function.Sid, environment.Sid, service.Sid)));
            Assert.That(byFunction.Select(l => l.Sid), Is.EqualTo(new[] { seeded.Sid }));
        }
    }
}
