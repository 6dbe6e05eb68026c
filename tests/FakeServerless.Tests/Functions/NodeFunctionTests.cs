using System.Net;
using System.Text;
using System.Text.Json;
using FakeServerless.Tests.Support;

namespace FakeServerless.Tests.Functions;

/// <summary>
/// Node mode in process (<see cref="FunctionRuntime.Node"/>), on both transports: the live build's own code runs with Twilio's
/// <c>@twilio/runtime-handler</c> and answers on the environment's domain; console lines become Log records; Twilio's request
/// rules and limits apply; processes follow the live build. Needs Node.js 18+ and npm (the tests fail, saying so, without).
/// </summary>
[Category(NodeDeploy.Category)]
[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
[Parallelizable(ParallelScope.All)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class NodeFunctionTests(FakeServerlessTransport transport) : IDisposable
{
    private const string Twiml = """
        exports.handler = (context, event, callback) => {
          const twiml = new Twilio.twiml.MessagingResponse();
          twiml.message(`Hi ${event.From || 'there'}`);
          callback(null, twiml);
        };
        """;

    private const string Json = """
        exports.handler = (context, event, callback) => {
          console.log('json called by', event.name);
          console.warn('a warning');
          console.error('an error line');
          callback(null, {
            name: event.name, count: event.count, domain: context.DOMAIN_NAME, path: context.PATH, greeting: context.GREETING,
            service: context.SERVICE_SID, environment: context.ENVIRONMENT_SID, account: context.ACCOUNT_SID,
            header: event.request.headers['x-custom'], cookie: event.request.cookies.flavour, pid: process.pid,
          });
        };
        """;

    private FakeServerlessServer? _fake;
    private HttpClient? _curl;

    private FakeServerlessServer Fake => _fake ??= NodeDeploy.Start(transport, o => o.FunctionTimeout = TimeSpan.FromSeconds(3));

    private HttpClient Curl => _curl ??= Fake.CreateHttpClient();

    public void Dispose() => _fake?.Dispose();

    [Test]
    public async Task Get_TwimlFunction_AnswersItsTwiml()
    {
        var domain = Deploy(new() { ["/sms"] = Twiml });

        using var answer = await Curl.GetAsync($"https://{domain}/sms?From=%2B15551234567");

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(answer.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/xml"));
        Assert.That(await answer.Content.ReadAsStringAsync(), Is.EqualTo("""<?xml version="1.0" encoding="UTF-8"?><Response><Message>Hi +15551234567</Message></Response>"""));
    }

    [Test]
    public async Task Post_JsonFunction_SeesEventContextVariablesHeadersAndCookies()
    {
        var (service, environment) = NodeDeploy.Service(Fake, "json", new Dictionary<string, string> { ["GREETING"] = "Hello" });
        NodeDeploy.Deploy(Fake, service.Sid, environment.Sid, new() { ["/json"] = Json });
        using var form = new HttpRequestMessage(HttpMethod.Post, $"https://{environment.DomainName}/json?count=2") { Content = new FormUrlEncodedContent([new("name", "Ada")]) };
        form.Headers.Add("X-Custom", "custom-value");
        form.Headers.Add("Cookie", "flavour=lemon");
        using var json = new HttpRequestMessage(HttpMethod.Post, $"https://{environment.DomainName}/json") { Content = new StringContent("""{"name":"Grace"}""", Encoding.UTF8, "application/json") };

        using var formAnswer = await Curl.SendAsync(form);
        using var jsonAnswer = await Curl.SendAsync(json);

        Assert.That(formAnswer.StatusCode, Is.EqualTo(HttpStatusCode.OK), await formAnswer.Content.ReadAsStringAsync());
        Assert.That(formAnswer.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        var body = JsonDocument.Parse(await formAnswer.Content.ReadAsStringAsync()).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("name").GetString(), Is.EqualTo("Ada"));
            Assert.That(body.GetProperty("count").GetString(), Is.EqualTo("2"));
            Assert.That(body.GetProperty("domain").GetString(), Is.EqualTo(environment.DomainName));
            Assert.That(body.GetProperty("path").GetString(), Is.EqualTo("/json"));
            Assert.That(body.GetProperty("greeting").GetString(), Is.EqualTo("Hello"));
            Assert.That(body.GetProperty("service").GetString(), Is.EqualTo(service.Sid));
            Assert.That(body.GetProperty("environment").GetString(), Is.EqualTo(environment.Sid));
            Assert.That(body.GetProperty("account").GetString(), Is.EqualTo(Fake.AccountSid));
            Assert.That(body.GetProperty("header").GetString(), Is.EqualTo("custom-value"));
            Assert.That(body.GetProperty("cookie").GetString(), Is.EqualTo("lemon"));
        });
        Assert.That(JsonDocument.Parse(await jsonAnswer.Content.ReadAsStringAsync()).RootElement.GetProperty("name").GetString(), Is.EqualTo("Grace"));
    }

    [Test]
    public async Task Get_FunctionThatLogs_EveryConsoleLineIsALogRecordInOrder()
    {
        var (service, environment) = NodeDeploy.Service(Fake, "logs");
        var build = NodeDeploy.Deploy(Fake, service.Sid, environment.Sid, new() { ["/json"] = Json });

        using var answer = await Curl.GetAsync($"https://{environment.DomainName}/json?name=Ada");

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var snapshot = Fake.Snapshot();
        var logs = snapshot.Logs.Reverse().ToList(); // oldest first
        Assert.That(logs.Select(l => (l.Level, l.Message)), Is.EqualTo(new[] { ("info", "json called by Ada"), ("warn", "a warning"), ("error", "an error line") }));
        Assert.Multiple(() =>
        {
            Assert.That(logs.Select(l => l.FunctionSid).Distinct(), Is.EqualTo(new[] { snapshot.Functions.Single().Sid }));
            Assert.That(logs.Select(l => l.BuildSid).Distinct(), Is.EqualTo(new[] { build.Sid }));
            Assert.That(logs.Select(l => l.DeploymentSid).Distinct(), Is.EqualTo(new[] { snapshot.Deployments.Single().Sid }));
            Assert.That(logs.Select(l => l.RequestSid).Distinct().Count(), Is.EqualTo(1), "one request");
            Assert.That(logs[0].RequestSid, Does.StartWith("RQ"));
        });
    }

    [Test]
    public async Task Get_FunctionCallingGetTwilioClient_ActsOnThisFake()
    {
        var (_, environment) = NodeDeploy.Service(Fake, "client");
        Fake.Account().CreateService("another-one", "Another one");
        NodeDeploy.Deploy(Fake, Fake.Snapshot().Service("client")!.Sid, environment.Sid, new()
        {
            ["/services"] = """
                exports.handler = async (context, event, callback) => {
                  const services = await context.getTwilioClient().serverless.v1.services.list();
                  callback(null, services.map((s) => s.uniqueName).sort());
                };
                """,
        });

        using var answer = await Curl.GetAsync($"https://{environment.DomainName}/services");

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), await answer.Content.ReadAsStringAsync());
        Assert.That(await answer.Content.ReadAsStringAsync(), Is.EqualTo("""["another-one","client"]"""));
        Assert.That(Fake.Journal.OfOperation("ListService").Single().AccountSid, Is.EqualTo(Fake.AccountSid));
    }

    [Test]
    public async Task Get_FunctionReadingAPrivateAsset_ReadsItThroughRuntimeGetAssets()
    {
        var domain = Deploy(
            new()
            {
                ["/secret"] = "exports.handler = (context, event, callback) => callback(null, Runtime.getAssets()['/secret.txt'].open());",
                ["/lib.private"] = "module.exports = { shout: (s) => s.toUpperCase() };",
                ["/shout"] = "exports.handler = (context, event, callback) => callback(null, require(Runtime.getFunctions()['lib'].path).shout('quiet'));",
            },
            new() { ["/secret.txt.private"] = "the private asset" });

        using var secret = await Curl.GetAsync($"https://{domain}/secret");
        using var shout = await Curl.GetAsync($"https://{domain}/shout");
        using var direct = await Curl.GetAsync($"https://{domain}/secret.txt");
        using var library = await Curl.GetAsync($"https://{domain}/lib");

        Assert.That(await secret.Content.ReadAsStringAsync(), Is.EqualTo("the private asset"));
        Assert.That(await shout.Content.ReadAsStringAsync(), Is.EqualTo("QUIET"));
        Assert.That(direct.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a private asset is not served");
        Assert.That(library.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a private function is not served");
    }

    [Test]
    public async Task Get_FunctionRequiringADependency_UsesWhatTheBuildInstalled()
    {
        var (service, environment) = NodeDeploy.Service(Fake, "deps");
        NodeDeploy.Deploy(
            Fake, service.Sid, environment.Sid,
            new() { ["/ms"] = "const ms = require('ms'); exports.handler = (context, event, callback) => callback(null, String(ms('2 days')));" },
            dependencies: [new BuildDependency("ms", "2.1.3")]);

        using var answer = await Curl.GetAsync($"https://{environment.DomainName}/ms");

        Assert.That(await answer.Content.ReadAsStringAsync(), Is.EqualTo("172800000"));
    }

    [Test]
    public async Task Request_OtherThanGetPostOrOptions_IsRefusedAsTwilioDoes()
    {
        var domain = Deploy(new() { ["/sms"] = Twiml });

        using var put = await Curl.PutAsync($"https://{domain}/sms", new StringContent("x"));
        using var delete = await Curl.DeleteAsync($"https://{domain}/sms");
        using var getWithBody = await Curl.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"https://{domain}/sms") { Content = new StringContent("a body") });
        using var options = await Curl.SendAsync(new HttpRequestMessage(HttpMethod.Options, $"https://{domain}/sms"));

        Assert.Multiple(() =>
        {
            Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(put.Content.Headers.Allow, Is.EquivalentTo(new[] { "GET", "POST", "OPTIONS" }));
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(getWithBody.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(options.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(options.Headers.GetValues("Access-Control-Allow-Methods").Single(), Is.EqualTo("GET, POST, OPTIONS"));
        });
    }

    [Test]
    public async Task Get_FunctionThatNeverCallsBack_TimesOutWithTwiliosAnswerAndALogLine()
    {
        var domain = Deploy(new() { ["/slow"] = "exports.handler = (context, event, callback) => { console.log('started'); };" });

        using var answer = await Curl.GetAsync($"https://{domain}/slow");

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.GatewayTimeout));
        Assert.That(await answer.Content.ReadAsStringAsync(), Does.Contain("runtime application timed out").And.Contain("82002"));
        await NodeDeploy.EventuallyAsync(() => Fake.Snapshot().Logs.Any(l => l.Level == "error" && l.Message.StartsWith("runtime application timed out", StringComparison.Ordinal)), () => "no timeout log line");
        Assert.That(Fake.Snapshot().Logs.Select(l => l.Message), Does.Contain("started"));
    }

    [Test]
    public async Task Get_FunctionThatThrowsOrRejects_Answers500AndLogsTheError()
    {
        var domain = Deploy(new()
        {
            ["/throws"] = "exports.handler = (context, event, callback) => { throw new Error('thrown on purpose'); };",
            ["/rejects"] = "exports.handler = async (context, event, callback) => { throw new TypeError('rejected on purpose'); };",
            ["/errback"] = "exports.handler = (context, event, callback) => callback(new Error('passed on purpose'));",
        });

        using var thrown = await Curl.GetAsync($"https://{domain}/throws");
        using var rejected = await Curl.GetAsync($"https://{domain}/rejects");
        using var passed = await Curl.GetAsync($"https://{domain}/errback");

        Assert.That(new[] { thrown.StatusCode, rejected.StatusCode, passed.StatusCode }, Is.All.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(await thrown.Content.ReadAsStringAsync(), Does.Contain("thrown on purpose"));
        var errors = Fake.Snapshot().Logs.Where(l => l.Level == "error").Select(l => l.Message).ToList();
        Assert.That(errors, Is.SupersetOf(new[] { "Error: thrown on purpose", "TypeError: rejected on purpose", "Error: passed on purpose" }));
    }

    [Test]
    public async Task Get_PathWithACSharpHandler_TheHandlerWinsOverTheCode()
    {
        var domain = Deploy(new() { ["/sms"] = Twiml, ["/other"] = Twiml });
        Fake.MapFunction("/sms", (_, _) => FunctionResponse.Text("stubbed in C#"));

        using var stubbed = await Curl.GetAsync($"https://{domain}/sms");
        using var real = await Curl.GetAsync($"https://{domain}/other");

        Assert.That(await stubbed.Content.ReadAsStringAsync(), Is.EqualTo("stubbed in C#"));
        Assert.That(real.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/xml"));
    }

    [Test]
    public async Task Clear_AfterARequest_Answers404AndStopsTheBuildsProcess()
    {
        var (service, environment) = NodeDeploy.Service(Fake, "clear");
        NodeDeploy.Deploy(Fake, service.Sid, environment.Sid, new() { ["/json"] = Json });
        using var first = await Curl.GetAsync($"https://{environment.DomainName}/json");
        var pid = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("pid").GetInt32();
        Assert.That(NodeDeploy.IsRunning(pid), Is.True);

        Fake.Account().Deploy(service.Sid, environment.Sid, null);

        using var after = await Curl.GetAsync($"https://{environment.DomainName}/json");
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        await NodeDeploy.EventuallyAsync(() => !NodeDeploy.IsRunning(pid), () => $"process {pid} still runs after the clear");
    }

    [Test]
    public async Task Deploy_ANewBuild_AnswersFromItAndStopsTheOldProcess()
    {
        var (service, environment) = NodeDeploy.Service(Fake, "redeploy");
        NodeDeploy.Deploy(Fake, service.Sid, environment.Sid, new() { ["/v"] = "exports.handler = (c, e, cb) => cb(null, { v: 1, pid: process.pid });" });
        using var first = await Curl.GetAsync($"https://{environment.DomainName}/v");
        var one = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement;

        NodeDeploy.Deploy(Fake, service.Sid, environment.Sid, new() { ["/v"] = "exports.handler = (c, e, cb) => cb(null, { v: 2, pid: process.pid });" });
        using var second = await Curl.GetAsync($"https://{environment.DomainName}/v");
        var two = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement;

        Assert.That((one.GetProperty("v").GetInt32(), two.GetProperty("v").GetInt32()), Is.EqualTo((1, 2)));
        Assert.That(two.GetProperty("pid").GetInt32(), Is.Not.EqualTo(one.GetProperty("pid").GetInt32()));
        await NodeDeploy.EventuallyAsync(() => !NodeDeploy.IsRunning(one.GetProperty("pid").GetInt32()), () => "the old build's process still runs");
    }

    [Test]
    public async Task Get_AfterTheProcessDied_Answers502ThenTheNextRequestStartsANewOne()
    {
        var domain = Deploy(new()
        {
            ["/pid"] = "exports.handler = (c, e, cb) => cb(null, String(process.pid));",
            ["/exit"] = "exports.handler = (c, e, cb) => process.exit(3);",
        });
        using var before = await Curl.GetAsync($"https://{domain}/pid");

        using var died = await Curl.GetAsync($"https://{domain}/exit");
        using var after = await Curl.GetAsync($"https://{domain}/pid");

        Assert.That(died.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(await died.Content.ReadAsStringAsync(), Does.Contain("82002"));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await after.Content.ReadAsStringAsync(), Is.Not.EqualTo(await before.Content.ReadAsStringAsync()), "a new process");
        Assert.That(Fake.Snapshot().Logs.Select(l => l.Message), Has.Some.Contains("Node process"));
    }

    [Test]
    public void CreateBuild_WithADependencyThatDoesNotExist_Fails()
    {
        var (service, _) = NodeDeploy.Service(Fake, "missing");

        var build = NodeDeploy.Build(
            Fake, service.Sid, new() { ["/x"] = "exports.handler = (c, e, cb) => cb(null, 'x');" },
            dependencies: [new BuildDependency("this-package-does-not-exist-fakeserverless", "^9.9.9")]);

        Assert.That(build.Status, Is.EqualTo(BuildStatus.Failed));
        Assert.That(Fake.BuildFailureReason(build.Sid), Does.Contain("this-package-does-not-exist-fakeserverless").And.Contain("not in the registry"));
    }

    [Test]
    public void CreateBuild_WithAFunctionThatDoesNotCompile_Fails()
    {
        var (service, _) = NodeDeploy.Service(Fake, "syntax");

        var build = NodeDeploy.Build(Fake, service.Sid, new() { ["/broken"] = "exports.handler = (c, e, cb) => { cb(null, 'x') " });

        Assert.That(build.Status, Is.EqualTo(BuildStatus.Failed));
        Assert.That(Fake.BuildFailureReason(build.Sid), Does.Contain("/broken").And.Contain("SyntaxError"));
    }

    [Test]
    public void Start_WithoutNode_FailsNamingWhatIsMissing()
    {
        var options = new FakeServerlessOptions { Transport = transport, FunctionRuntime = FunctionRuntime.Node, NodeExecutable = "/nonexistent/bin/node" };

        var error = Assert.Throws<InvalidOperationException>(() => FakeServerlessServer.Start(options));

        Assert.That(error!.Message, Does.Contain("Node.js 18").And.Contain("/nonexistent/bin/node"));
    }

    private string Deploy(Dictionary<string, string> functions, Dictionary<string, string>? assets = null)
    {
        var (service, environment) = NodeDeploy.Service(Fake, "site");
        NodeDeploy.Deploy(Fake, service.Sid, environment.Sid, functions, assets);
        return environment.DomainName;
    }
}
