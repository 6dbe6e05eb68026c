using System.Net;
using FakeServerless.Tests.Wire;
using Twilio.Exceptions;
using Twilio.Rest.Serverless.V1;

namespace FakeServerless.Tests.Control;

public sealed class FaultEndpointsTests : ControlTestBase
{
    [Test]
    public async Task Create_429WithRetryAfter_SdkSeesItOnceAndRuleIsListed()
    {
        var created = await ReadJsonAsync(await PostAsync("/_fake/faults",
            """{"operation":"ListService","account_sid":null,"status":429,"code":20429,"message":null,"retry_after_seconds":2,"latency_ms":0,"drop":false,"times":1}"""), 201);
        var id = created["id"]!.GetValue<string>();

        var raw = await TwilioHttp().GetAsync("/v1/Services");
        var second = await TwilioHttp().GetAsync("/v1/Services");

        await TwilioErrorBody.ReadAsync(raw, 429, 20429);
        Assert.That(raw.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var listed = await GetJsonAsync("/_fake/faults");
        var rule = listed["faults"]!.AsArray().Single()!;
        Assert.That(rule["id"]!.GetValue<string>(), Is.EqualTo(id));
        Assert.That(rule["status"]!.GetValue<int>(), Is.EqualTo(429));
        Assert.That(rule["times"]!.GetValue<int>(), Is.Zero, "uses left");
        Assert.That(listed["rate_limit"]!["requests_per_second"], Is.Null);
    }

    [Test]
    public async Task Create_StatusOnlyForOneAccount_OtherAccountsUnaffected()
    {
        await ReadJsonAsync(await PostAsync("/_fake/faults", $$"""{"account_sid":"{{Fake.AccountSid}}","status":503}"""), 201);

        var error = Assert.ThrowsAsync<ApiException>(() => ServiceResource.ReadAsync(client: Twilio));
        var other = await TwilioHttp("AC00000000000000000000000000000002").GetAsync("/v1/Services");

        Assert.That(error!.Status, Is.EqualTo(503));
        Assert.That(error.Code, Is.EqualTo(20503));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Create_Drop_ConnectionDropped()
    {
        await ReadJsonAsync(await PostAsync("/_fake/faults", """{"operation":"ListService","drop":true,"times":1}"""), 201);

        Assert.ThrowsAsync<HttpRequestException>(() => TwilioHttp().GetAsync("/v1/Services"));
        Assert.That(Fake.Journal.Entries.Single().StatusCode, Is.Zero);
    }

    [Test]
    public async Task Create_LatencyOnly_RealAnswerWithFaultJournaled()
    {
        await ReadJsonAsync(await PostAsync("/_fake/faults", """{"operation":"ListService","latency_ms":1}"""), 201);

        var response = await TwilioHttp().GetAsync("/v1/Services");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Fake.Journal.Entries.Single().Fault, Does.Contain("ListService"));
    }

    [TestCase("""{"operation":"ListService"}""", "status, latency_ms or drop")]
    [TestCase("""{"operation":"CreateDeploymnt","status":429}""", "operation 'CreateDeploymnt'")]
    [TestCase("""{"status":"429"}""", "status must be an integer from 400 to 599")]
    [TestCase("""{"status":200}""", "status must be an integer from 400 to 599")]
    [TestCase("""{"status":429,"times":0}""", "times must be")]
    [TestCase("""{"status":429,"drop":true}""", "drop and status")]
    [TestCase("""{"drop":"yes"}""", "drop must be true or false")]
    [TestCase("""{"latency_ms":-5}""", "latency_ms must be")]
    [TestCase("""{"code":20429,"latency_ms":5}""", "code needs status")]
    [TestCase("""{"status":429,"account_sid":"AC1"}""", "account_sid must be an Account SID")]
    public async Task Create_BadInput_400NamesTheFieldAndAddsNothing(string body, string message)
    {
        var error = await TwilioErrorBody.ReadAsync(await PostAsync("/_fake/faults", body), 400, 20001);

        Assert.That(error.Message, Does.Contain(message));
        Assert.That(Fake.Faults.Rules, Is.Empty);
    }

    [Test]
    public async Task Delete_ById_RemovesOnlyThatRule()
    {
        var first = (await ReadJsonAsync(await PostAsync("/_fake/faults", """{"operation":"ListService","status":500}"""), 201))["id"]!.GetValue<string>();
        var second = (await ReadJsonAsync(await PostAsync("/_fake/faults", """{"operation":"CreateService","status":503}"""), 201))["id"]!.GetValue<string>();

        var response = await Control.DeleteAsync($"/_fake/faults/{first}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(Fake.Faults.Rules.Select(r => r.Id), Is.EqualTo(new[] { second }));
        Assert.That((await TwilioHttp().GetAsync("/v1/Services")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Delete_UnknownId_404()
    {
        await TwilioErrorBody.ReadAsync(await Control.DeleteAsync("/_fake/faults/fault-99"), 404, 20404);
    }

    [Test]
    public async Task Clear_RulesAndRateLimit_AllGone()
    {
        Fake.Faults.When("ListService").RespondWith(500);
        Fake.Faults.RateLimit(1);

        var response = await Control.DeleteAsync("/_fake/faults");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(Fake.Faults.Rules, Is.Empty);
        Assert.That(Fake.Faults.RateLimitPerSecond, Is.Null);
    }

    [Test]
    public async Task RateLimit_Set_ThenLifted()
    {
        var set = await ReadJsonAsync(await PutAsync("/_fake/rate-limit", """{"requests_per_second":1}"""), 200);
        await TwilioHttp().GetAsync("/v1/Services");
        var limited = await TwilioHttp().GetAsync("/v1/Services");
        var lifted = await ReadJsonAsync(await PutAsync("/_fake/rate-limit", """{"requests_per_second":null}"""), 200);
        var after = await TwilioHttp().GetAsync("/v1/Services");

        Assert.That(set.ToJsonString(), Is.EqualTo("""{"requests_per_second":1,"account_sid":null}"""));
        await TwilioErrorBody.ReadAsync(limited, 429, 20429);
        Assert.That(lifted["requests_per_second"], Is.Null);
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("{}", "requests_per_second is required")]
    [TestCase("""{"requests_per_second":0}""", "requests_per_second must be")]
    [TestCase("""{"requests_per_second":2.5}""", "requests_per_second must be")]
    public async Task RateLimit_BadInput_400NamesTheField(string body, string message)
    {
        var error = await TwilioErrorBody.ReadAsync(await PutAsync("/_fake/rate-limit", body), 400, 20001);

        Assert.That(error.Message, Does.Contain(message));
        Assert.That(Fake.Faults.RateLimitPerSecond, Is.Null);
    }

    [Test]
    public async Task Create_MessageOverTheCap_400AndAddsNothing()
    {
        var message = new string('m', 4097);

        var error = await TwilioErrorBody.ReadAsync(await PostAsync("/_fake/faults", $$"""{"status":503,"message":"{{message}}"}"""), 400, 20001);

        Assert.That(error.Message, Does.Contain("message must be at most 4096 characters"));
        Assert.That(Fake.Faults.Rules, Is.Empty);
    }

    [Test]
    public async Task Create_MoreRulesThanTheCap_400UntilUsedUpRulesMakeRoom()
    {
        for (var i = 0; i < 99; i++)
        {
            await ReadJsonAsync(await PostAsync("/_fake/faults", """{"operation":"FetchService","latency_ms":1}"""), 201);
        }

        await ReadJsonAsync(await PostAsync("/_fake/faults", """{"operation":"ListService","status":503,"times":1}"""), 201);
        var full = await TwilioErrorBody.ReadAsync(await PostAsync("/_fake/faults", """{"status":503}"""), 400, 20001);
        await TwilioHttp().GetAsync("/v1/Services"); // uses up the times:1 rule
        await ReadJsonAsync(await PostAsync("/_fake/faults", """{"status":503}"""), 201);
        var listed = await GetJsonAsync("/_fake/faults");

        Assert.That(full.Message, Does.Contain("100 fault rules"));
        Assert.That(listed["faults"]!.AsArray(), Has.Count.EqualTo(100));
    }

    [Test]
    public async Task Update_MessageOverTheCap_400AndLeavesTheRule()
    {
        var id = (await ReadJsonAsync(await PostAsync("/_fake/faults", """{"operation":"ListService","pass_through":true}"""), 201))["id"]!.GetValue<string>();

        var error = await TwilioErrorBody.ReadAsync(
            await Control.PatchAsync($"/_fake/faults/{id}", Json($$"""{"status":503,"message":"{{new string('m', 4097)}}"}""")), 400, 20001);

        Assert.That(error.Message, Does.Contain("message must be at most 4096 characters"));
        Assert.That(Fake.Faults.Rules.Single().Status, Is.Null);
    }

    [Test]
    public async Task Create_PassThroughWhenFull_400LikeAnyRule()
    {
        for (var i = 0; i < 100; i++)
        {
            await ReadJsonAsync(await PostAsync("/_fake/faults", """{"operation":"FetchService","pass_through":true}"""), 201);
        }

        var full = await TwilioErrorBody.ReadAsync(await PostAsync("/_fake/faults", """{"pass_through":true}"""), 400, 20001);

        Assert.That(full.Message, Does.Contain("100 fault rules"));
        Assert.That(Fake.Faults.Rules, Has.Count.EqualTo(100));
    }
}
