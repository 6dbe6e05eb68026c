using System.Net;
using FakeServerless.Tests.Wire;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Tests.Control;

public sealed class FunctionEndpointsTests : ControlTestBase
{
    private async Task<HttpResponseMessage> CallAsync(string domain, string path)
    {
        using var client = Fake.CreateHttpClient();
        return await client.PostAsync($"https://{domain}{path}", new FormUrlEncodedContent(new Dictionary<string, string> { ["Body"] = "hi" }));
    }

    private SeededScenario LiveScenario() =>
        Fake.Seed().ServiceLiveIn("staging", o =>
        {
            o.FunctionPaths = ["/sms/reply"];
            o.DeployTo = ["staging", "production"];
        });

    [Test]
    public async Task Create_CannedTwiml_AnsweredOnEveryEnvironmentDomain()
    {
        var scenario = LiveScenario();

        var created = await ReadJsonAsync(await PostAsync("/_fake/functions",
            """{"path":"/sms/reply","status":200,"content_type":"text/xml","body":"<Response/>","headers":{"X-Canned":"yes"}}"""), 201);

        Assert.That(created["content_type"]!.GetValue<string>(), Is.EqualTo("text/xml"));
        foreach (var environment in scenario.Environments)
        {
            var response = await CallAsync(environment.DomainName, "/sms/reply");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/xml"));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("<Response/>"));
            Assert.That(response.Headers.GetValues("X-Canned").Single(), Is.EqualTo("yes"));
        }
    }

    [Test]
    public async Task Create_PathNotLive_DomainStill404()
    {
        var scenario = LiveScenario();

        await ReadJsonAsync(await PostAsync("/_fake/functions", """{"path":"/not/deployed","body":"x"}"""), 201);

        Assert.That((await CallAsync(scenario.Environment("staging").DomainName, "/not/deployed")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Clear_AfterCanned_FunctionAnswersItsDefaultAgain()
    {
        var scenario = LiveScenario();
        await PostAsync("/_fake/functions", """{"path":"/sms/reply","status":418,"body":"teapot"}""");

        var response = await Control.DeleteAsync("/_fake/functions");
        var call = await CallAsync(scenario.Environment("staging").DomainName, "/sms/reply");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(call.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await call.Content.ReadAsStringAsync(), Does.Contain("function_sid"));
    }

    [Test]
    public async Task Create_ScopedToAnAccountEnvironmentOrDomain_MostSpecificAnswersAndOthersUntouched()
    {
        var scenario = LiveScenario();
        var other = Fake.Seed("AC000000000000000000000000000000b2").ServiceLiveIn("staging", o => o.FunctionPaths = ["/sms/reply"]);
        var staging = scenario.Environment("staging");
        var production = scenario.Environment("production");

        var byAccount = await ReadJsonAsync(await PostAsync("/_fake/functions", $$"""{"path":"/sms/reply","body":"account","scope":"{{Fake.AccountSid}}"}"""), 201);
        await ReadJsonAsync(await PostAsync("/_fake/functions", $$"""{"path":"/sms/reply","body":"staging","scope":"{{staging.Sid}}"}"""), 201);
        var byDomain = await ReadJsonAsync(await PostAsync("/_fake/functions", $$"""{"path":"/sms/reply","body":"production domain","scope":"{{production.DomainName.ToUpperInvariant()}}"}"""), 201);

        Assert.That((byAccount["scope"]!.GetValue<string>(), byDomain["scope"]!.GetValue<string>()), Is.EqualTo((Fake.AccountSid, production.DomainName)));
        Assert.That(await (await CallAsync(staging.DomainName, "/sms/reply")).Content.ReadAsStringAsync(), Is.EqualTo("staging"));
        Assert.That(await (await CallAsync(production.DomainName, "/sms/reply")).Content.ReadAsStringAsync(), Is.EqualTo("production domain"));
        Assert.That(await (await CallAsync(other.Environment("staging").DomainName, "/sms/reply")).Content.ReadAsStringAsync(), Does.Contain("function_sid"));
    }

    [Test]
    public async Task Clear_ForOneAccount_ForgetsItsAccountEnvironmentAndDomainScopedAnswersOnly()
    {
        var scenario = LiveScenario();
        const string otherAccount = "AC000000000000000000000000000000b2";
        var other = Fake.Seed(otherAccount).ServiceLiveIn("staging", o => o.FunctionPaths = ["/sms/reply"]);
        var staging = scenario.Environment("staging");
        await PostAsync("/_fake/functions", $$"""{"path":"/sms/reply","body":"mine","scope":"{{Fake.AccountSid}}"}""");
        await PostAsync("/_fake/functions", $$"""{"path":"/sms/reply","body":"my staging","scope":"{{staging.Sid}}"}""");
        await PostAsync("/_fake/functions", $$"""{"path":"/sms/reply","body":"my production","scope":"{{scenario.Environment("production").DomainName}}"}""");
        await PostAsync("/_fake/functions", $$"""{"path":"/sms/reply","body":"theirs","scope":"{{otherAccount}}"}""");

        var cleared = await Control.DeleteAsync($"/_fake/functions?AccountSid={Fake.AccountSid}");

        Assert.That(cleared.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        foreach (var environment in scenario.Environments)
        {
            Assert.That(await (await CallAsync(environment.DomainName, "/sms/reply")).Content.ReadAsStringAsync(), Does.Contain("function_sid"), environment.UniqueName);
        }

        Assert.That(await (await CallAsync(other.Environment("staging").DomainName, "/sms/reply")).Content.ReadAsStringAsync(), Is.EqualTo("theirs"));
    }

    [Test]
    public async Task ResetOneAccount_ForgetsThatAccountsCannedAnswersOnly()
    {
        const string otherAccount = "AC000000000000000000000000000000b2";
        var other = Fake.Seed(otherAccount).ServiceLiveIn("staging", o => o.FunctionPaths = ["/sms/reply"]);
        await PostAsync("/_fake/functions", $$"""{"path":"/sms/reply","body":"mine","scope":"{{Fake.AccountSid}}"}""");
        await PostAsync("/_fake/functions", $$"""{"path":"/sms/reply","body":"theirs","scope":"{{otherAccount}}"}""");

        var reset = await Control.PostAsync($"/_fake/reset?AccountSid={Fake.AccountSid}", null);
        var scenario = LiveScenario();

        Assert.That(reset.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await (await CallAsync(scenario.Environment("staging").DomainName, "/sms/reply")).Content.ReadAsStringAsync(), Does.Contain("function_sid"));
        Assert.That(await (await CallAsync(other.Environment("staging").DomainName, "/sms/reply")).Content.ReadAsStringAsync(), Is.EqualTo("theirs"));
    }

    [Test]
    public async Task Create_WithLogs_EachAnswerAppendsThemToItsEnvironmentsLogs()
    {
        var scenario = LiveScenario();
        var staging = scenario.Environment("staging");
        var created = await ReadJsonAsync(await PostAsync("/_fake/functions",
            """{"path":"/sms/reply","body":"<Response/>","logs":[{"message":"got an SMS"},{"level":"warn","message":"no From"}]}"""), 201);

        await CallAsync(staging.DomainName, "/sms/reply");
        await CallAsync(staging.DomainName, "/sms/reply");

        var logs = (await LogResource.ReadAsync(scenario.Service.Sid, staging.Sid, client: Twilio)).ToList();
        Assert.That(created["logs"]!.ToJsonString(), Is.EqualTo("""[{"level":"info","message":"got an SMS"},{"level":"warn","message":"no From"}]"""));
        Assert.That(logs.Select(l => (l.Level.ToString(), l.Message)), Is.EqualTo(new[] { ("warn", "no From"), ("info", "got an SMS"), ("warn", "no From"), ("info", "got an SMS") }));
        Assert.That(logs.Select(l => l.FunctionSid).Distinct(), Is.EqualTo(new[] { scenario.Functions.Single().Function.Sid }));
        Assert.That(logs.Select(l => l.RequestSid).Distinct().Count(), Is.EqualTo(2), "one request SID per answer");
        Assert.That(Fake.Snapshot().Logs.Where(l => l.EnvironmentSid != staging.Sid), Is.Empty, "only the environment that answered");
    }

    [TestCase("{}", "path is required")]
    [TestCase("""{"path":"sms/reply"}""", "path must start with '/'")]
    [TestCase("""{"path":"/x","status":99}""", "status must be")]
    [TestCase("""{"path":"/x","headers":["a"]}""", "headers must be")]
    [TestCase("""{"path":"/x","headers":{"Bad Name":"v"}}""", "not a valid HTTP header name")]
    [TestCase("""{"path":"/x","headers":{"X-A":"line\nbreak"}}""", "headers.X-A must be")]
    [TestCase("""{"path":"/x","body":5}""", "body must be a string")]
    [TestCase("""{"path":"/x","status":101}""", "status must be an integer from 200 to 599")]
    [TestCase("""{"path":"/x","status":100}""", "status must be an integer from 200 to 599")]
    [TestCase("""{"path":"/x","status":204,"body":"x"}""", "body must be empty with status 204")]
    [TestCase("""{"path":"/x","content_type":"text/html\r\nSet-Cookie: injected=1"}""", "content_type")]
    [TestCase("""{"path":"/x","content_type":"text/html\nX-Injected: yes"}""", "content_type")]
    [TestCase("""{"path":"/x","content_type":"text/caf\u00e9"}""", "content_type")]
    [TestCase("""{"path":"/x","headers":{"X-A":"caf\u00e9"}}""", "headers.X-A must be a string of printable ASCII")]
    [TestCase("""{"path":"/x","headers":{"X-A":"a\u0085b"}}""", "headers.X-A must be")]
    [TestCase("""{"path":"/x","headers":{"X-Caf\u00e9":"v"}}""", "not a valid HTTP header name")]
    [TestCase("""{"path":"/x","headers":{"Content-Length":"1"}}""", "Content-Length is set by the fake")]
    [TestCase("""{"path":"/x","headers":{"transfer-encoding":"chunked"}}""", "transfer-encoding is set by the fake")]
    [TestCase("""{"path":"/x","scope":"ZS00000000000000000000000000000001"}""", "scope must be an Account SID (AC…), an Environment SID (ZE…) or an environment's domain name")]
    [TestCase("""{"path":"/x","scope":5}""", "scope must be a string")]
    [TestCase("""{"path":"/x","logs":"hi"}""", "logs must be an array")]
    [TestCase("""{"path":"/x","logs":[{"level":"info"}]}""", "logs[0].message is required")]
    [TestCase("""{"path":"/x","logs":[{"message":"m","level":"debug"}]}""", "logs[0].level must be one of info, warn, error")]
    [TestCase("""{"path":"/x","logs":[{"message":"m","when":1}]}""", "Unknown field 'when'")]
    public async Task Create_BadInput_400NamesTheField(string body, string message)
    {
        var error = await TwilioErrorBody.ReadAsync(await PostAsync("/_fake/functions", body), 400, 20001);

        Assert.That(error.Message, Does.Contain(message));
    }

    [Test]
    public async Task Create_BodyOverTheCap_413AndNotMapped()
    {
        var body = new string('x', (256 * 1024) + 1);

        var error = await TwilioErrorBody.ReadAsync(await PostAsync("/_fake/functions", $$"""{"path":"/big","body":"{{body}}"}"""), 413, 20413);

        Assert.That(error.Message, Does.Contain("262144"));
        var scenario = Fake.Seed().ServiceLiveIn("staging", o => o.FunctionPaths = ["/big"]);
        var answer = await CallAsync(scenario.Environment("staging").DomainName, "/big");
        Assert.That(await answer.Content.ReadAsStringAsync(), Does.Contain("function_sid"), "no canned answer was kept");
    }

    [Test]
    public async Task Create_MoreThanTheCap_400ButRepostingAMappedPathStillWorks()
    {
        for (var i = 0; i < 100; i++)
        {
            await ReadJsonAsync(await PostAsync("/_fake/functions", $$"""{"path":"/f{{i}}","body":"{{i}}"}"""), 201);
        }

        var error = await TwilioErrorBody.ReadAsync(await PostAsync("/_fake/functions", """{"path":"/one-more"}"""), 400, 20001);
        await ReadJsonAsync(await PostAsync("/_fake/functions", """{"path":"/f7","body":"again"}"""), 201);
        await Control.DeleteAsync("/_fake/functions");
        await ReadJsonAsync(await PostAsync("/_fake/functions", """{"path":"/one-more"}"""), 201);

        Assert.That(error.Message, Does.Contain("100").And.Contain("DELETE /_fake/functions"));
    }
}
