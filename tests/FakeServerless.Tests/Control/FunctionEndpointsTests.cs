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
    public async Task Create_BadInput_400NamesTheField(string body, string message)
    {
        var error = await TwilioErrorBody.ReadAsync(await PostAsync("/_fake/functions", body), 400, 20001);

        Assert.That(error.Message, Does.Contain(message));
    }
}
