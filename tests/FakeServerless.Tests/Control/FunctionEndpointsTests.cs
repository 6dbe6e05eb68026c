using System.Net;
using FakeServerless.Tests.Wire;

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
