using System.Net.Http.Headers;
using System.Text;
using FakeServerless.Tests.Support;
using Twilio.Clients;
using Twilio.Exceptions;
using SystemNetHttpClient = Twilio.Http.SystemNetHttpClient;
using Twilio.Rest.Serverless.V1;

namespace FakeServerless.Tests.Wire;

/// <summary>
/// Every failure answers Twilio's error body (exactly code, message, more_info, status) with the right status, code and
/// message: unknown SIDs and routes, wrong parents, authentication, account isolation and unsupported methods.
/// </summary>
[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class ErrorShapeTests(FakeServerlessTransport transport) : FakeTestBase(transport)
{
    private const string UnknownService = "ZS00000000000000000000000000000000";
    private const string OtherAccount = "ACffffffffffffffffffffffffffffffff";

    [TestCase("/v1/Services/" + UnknownService, "/Services/" + UnknownService)]
    [TestCase("/v1/Services/no-such-name", "/Services/no-such-name")]
    [TestCase("/v1/Services/" + UnknownService + "/Environments", "/Services/" + UnknownService + "/Environments")]
    [TestCase("/v1/Services/" + UnknownService + "/Builds/ZB00000000000000000000000000000000/Status", "/Services/" + UnknownService + "/Builds/ZB00000000000000000000000000000000/Status")]
    public async Task Get_UnknownService_404NamesThePathWithoutVersion(string path, string named)
    {
        var error = await TwilioErrorBody.ReadAsync(await Http.GetAsync(path), 404, 20404);

        Assert.That(error.Message, Is.EqualTo($"The requested resource {named} was not found"));
    }

    [Test]
    public async Task Get_UnknownChildSids_404NamesEachPath()
    {
        var s = Seed();
        var unknown = new[]
        {
            $"/Services/{s.Service}/Environments/ZE00000000000000000000000000000000",
            $"/Services/{s.Service}/Environments/{s.Environment}/Variables/ZV00000000000000000000000000000000",
            $"/Services/{s.Service}/Environments/{s.Environment}/Deployments/ZD00000000000000000000000000000000",
            $"/Services/{s.Service}/Environments/{s.Environment}/Logs/NO00000000000000000000000000000000",
            $"/Services/{s.Service}/Functions/ZH00000000000000000000000000000000",
            $"/Services/{s.Service}/Functions/{s.Function}/Versions/ZN00000000000000000000000000000000",
            $"/Services/{s.Service}/Functions/{s.Function}/Versions/ZN00000000000000000000000000000000/Content",
            $"/Services/{s.Service}/Assets/ZH00000000000000000000000000000000",
            $"/Services/{s.Service}/Assets/{s.Asset}/Versions/ZN00000000000000000000000000000000",
            $"/Services/{s.Service}/Builds/ZB00000000000000000000000000000000",
            $"/Services/{s.Service}/Environments/not-a-sid",
            $"/Services/{s.Service}/Functions/{s.Function}/Versions/ZH00000000000000000000000000000000",
        };

        foreach (var path in unknown)
        {
            var error = await TwilioErrorBody.ReadAsync(await Http.GetAsync("/v1" + path), 404, 20404);
            Assert.That(error.Message, Is.EqualTo($"The requested resource {path} was not found"));
        }
    }

    [Test]
    public async Task Requests_ChildUnderAnotherParent_404()
    {
        var a = Seed("alpha");
        var b = Seed("beta");
        var wrongParents = new[]
        {
            (HttpMethod.Get, $"/Services/{a.Service}/Environments/{b.Environment}"),
            (HttpMethod.Delete, $"/Services/{a.Service}/Environments/{b.Environment}"),
            (HttpMethod.Get, $"/Services/{a.Service}/Environments/{a.Environment}/Variables/{b.Variable}"),
            (HttpMethod.Get, $"/Services/{a.Service}/Environments/{b.Environment}/Variables/{b.Variable}"),
            (HttpMethod.Get, $"/Services/{a.Service}/Environments/{a.Environment}/Deployments/{b.Deployment}"),
            (HttpMethod.Get, $"/Services/{a.Service}/Environments/{a.Environment}/Logs/{b.Log}"),
            (HttpMethod.Get, $"/Services/{a.Service}/Functions/{b.Function}"),
            (HttpMethod.Get, $"/Services/{a.Service}/Functions/{a.Function}/Versions/{b.FunctionVersion}"),
            (HttpMethod.Get, $"/Services/{a.Service}/Functions/{a.Asset}"),
            (HttpMethod.Get, $"/Services/{a.Service}/Assets/{a.Function}"),
            (HttpMethod.Get, $"/Services/{a.Service}/Assets/{a.Asset}/Versions/{a.FunctionVersion}"),
            (HttpMethod.Get, $"/Services/{a.Service}/Builds/{b.Build}"),
            (HttpMethod.Delete, $"/Services/{a.Service}/Builds/{b.Build}"),
        };

        foreach (var (method, path) in wrongParents)
        {
            using var request = new HttpRequestMessage(method, "/v1" + path);
            var error = await TwilioErrorBody.ReadAsync(await Http.SendAsync(request), 404, 20404);
            Assert.That(error.Message, Is.EqualTo($"The requested resource {path} was not found"), $"{method} {path}");
        }

        Assert.That(Fake.Snapshot().Environments, Has.Count.EqualTo(2), "a 404 delete must not delete anything");
    }

    [Test]
    public async Task CreateDeployment_BuildOfAnotherService_404NamesTheBuild()
    {
        var a = Seed("alpha");
        var b = Seed("beta");

        var response = await Http.PostAsync(
            $"/v1/Services/{a.Service}/Environments/{a.Environment}/Deployments",
            new FormUrlEncodedContent([new("BuildSid", b.Build)]));

        var error = await TwilioErrorBody.ReadAsync(response, 404, 20404);
        Assert.That(error.Message, Is.EqualTo($"The requested resource /Services/{a.Service}/Builds/{b.Build} was not found"));
    }

    [TestCase("GET", "/v1/Nope", "/Nope")]
    [TestCase("GET", "/v2/Services", "/v2/Services")]
    [TestCase("POST", "/v2/Services", "/v2/Services")]
    [TestCase("GET", "/", "/")]
    [TestCase("GET", "/v1", "/v1")]
    [TestCase("GET", "/v1/", "/")]
    [TestCase("GET", "/v1/Services/" + UnknownService + "/Nope", "/Services/" + UnknownService + "/Nope")]
    [TestCase("DELETE", "/v1/Services/" + UnknownService + "/Deployments", "/Services/" + UnknownService + "/Deployments")]
    [TestCase("GET", "/favicon.ico", "/favicon.ico")]
    [TestCase("GET", "/__admin/mappings", "/__admin/mappings")]
    public async Task Request_UnknownRoute_Twilio404NotWireMocksBody(string method, string path, string named)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        var error = await TwilioErrorBody.ReadAsync(await Http.SendAsync(request), 404, 20404);

        Assert.That(error.Message, Is.EqualTo($"The requested resource {named} was not found"));
        Assert.That(error.Raw, Does.Not.Contain("No matching mapping found").IgnoreCase);
    }

    [Test]
    public async Task Request_UnknownRouteSentToFakeUrl_Twilio404()
    {
        // Straight to Fake.Url (the WireMock port, or the in-memory URL), not through the Twilio-host redirection.
        using var client = new System.Net.Http.HttpClient(Fake.CreateHandler());
        client.DefaultRequestHeaders.Authorization = Basic(Fake.AccountSid, Fake.AuthToken);

        var error = await TwilioErrorBody.ReadAsync(await client.GetAsync(new Uri(Fake.Url, "/v1/Nope")), 404, 20404);

        Assert.That(error.Message, Is.EqualTo("The requested resource /Nope was not found"));
    }

    public static IEnumerable<TestCaseData> BadAuthorizations()
    {
        yield return new TestCaseData(null).SetArgDisplayNames("none");
        yield return new TestCaseData("Basic !!!not-base64!!!").SetArgDisplayNames("bad base64");
        yield return new TestCaseData("Basic " + B64("ZS00000000000000000000000000000000:token")).SetArgDisplayNames("non-AC username");
        yield return new TestCaseData("Basic " + B64("AC00000000000000000000000000000001:")).SetArgDisplayNames("empty password");
        yield return new TestCaseData("Basic " + B64("AC00000000000000000000000000000001")).SetArgDisplayNames("no colon");
        yield return new TestCaseData("Basic " + B64(":fake-auth-token")).SetArgDisplayNames("empty username");
        yield return new TestCaseData("Basic " + B64("AC0000000000000000000000000000001:token")).SetArgDisplayNames("short SID");
        yield return new TestCaseData("Basic " + B64("ACzz000000000000000000000000000001:token")).SetArgDisplayNames("non-hex SID");
        yield return new TestCaseData("Bearer " + B64("AC00000000000000000000000000000001:fake-auth-token")).SetArgDisplayNames("bearer scheme");
        yield return new TestCaseData("Basic").SetArgDisplayNames("scheme only");
    }

    [TestCaseSource(nameof(BadAuthorizations))]
    public async Task Request_BadAuthorization_401Authenticate(string? authorization)
    {
        Fake.Account().CreateService("kept");
        using var client = CreateRawClient(null, null);
        foreach (var (method, path) in new[] { (HttpMethod.Get, "/v1/Services"), (HttpMethod.Post, "/v1/Services"), (HttpMethod.Delete, "/v1/Services/kept"), (HttpMethod.Get, "/v1/Nope") })
        {
            using var request = new HttpRequestMessage(method, path) { Content = method == HttpMethod.Post ? Form(("UniqueName", "x"), ("FriendlyName", "x")) : null };
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            var response = await client.SendAsync(request);
            var error = await TwilioErrorBody.ReadAsync(response, 401, 20003);
            Assert.That(error.Message, Is.EqualTo("Authenticate"));
            Assert.That(response.Headers.WwwAuthenticate.Select(h => h.Scheme), Is.EqualTo(new[] { "Basic" }), $"{method} {path}");
        }

        Assert.That(Fake.Snapshot().Services.Select(s => s.UniqueName), Is.EqualTo(new[] { "kept" }));
    }

    [Test]
    public void Request_WrongCredentialsThroughTheSdk_ApiException20003()
    {
        var anonymous = new TwilioRestClient("ZS00000000000000000000000000000000", "x", httpClient: new SystemNetHttpClient(Fake.CreateHttpClient()));

        var ex = Assert.ThrowsAsync<ApiException>(() => ServiceResource.ReadAsync(client: anonymous));

        Assert.That((ex!.Status, ex.Code), Is.EqualTo((401, 20003)));
    }

    [Test]
    public async Task RequireExactCredentials_OnlyTheConfiguredPairIsAccepted()
    {
        using var fake = FakeServerlessServer.Start(new FakeServerlessOptions { Transport = Transport, RequireExactCredentials = true, AuthToken = "the-token" });
        using var client = fake.CreateHttpClient();

        async Task<HttpResponseMessage> List(string user, string password)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "https://serverless.twilio.com/v1/Services");
            request.Headers.Authorization = Basic(user, password);
            return await client.SendAsync(request);
        }

        Assert.That((int)(await List(fake.AccountSid, "the-token")).StatusCode, Is.EqualTo(200));
        await TwilioErrorBody.ReadAsync(await List(fake.AccountSid, "fake-auth-token"), 401, 20003);
        await TwilioErrorBody.ReadAsync(await List(fake.AccountSid, "THE-TOKEN"), 401, 20003);
        await TwilioErrorBody.ReadAsync(await List(OtherAccount, "the-token"), 401, 20003);
        await TwilioErrorBody.ReadAsync(await List(fake.AccountSid.ToLowerInvariant(), "the-token"), 401, 20003);
    }

    [Test]
    public async Task OtherAccount_SidsOfThisAccount_404AndNothingChanges()
    {
        var mine = Seed("mine");
        using var other = CreateRawClient(OtherAccount, "another-token");
        var paths = new (HttpMethod, string)[]
        {
            (HttpMethod.Get, $"/Services/{mine.Service}"),
            (HttpMethod.Get, "/Services/mine"),
            (HttpMethod.Post, $"/Services/{mine.Service}"),
            (HttpMethod.Delete, $"/Services/{mine.Service}"),
            (HttpMethod.Get, $"/Services/{mine.Service}/Environments/{mine.Environment}"),
            (HttpMethod.Post, $"/Services/{mine.Service}/Environments/{mine.Environment}/Deployments"),
            (HttpMethod.Get, $"/Services/{mine.Service}/Builds/{mine.Build}"),
            (HttpMethod.Get, $"/Services/{mine.Service}/Functions/{mine.Function}/Versions/{mine.FunctionVersion}/Content"),
        };

        foreach (var (method, path) in paths)
        {
            using var request = new HttpRequestMessage(method, "/v1" + path) { Content = method == HttpMethod.Post ? Form(("FriendlyName", "hijacked")) : null };
            var error = await TwilioErrorBody.ReadAsync(await other.SendAsync(request), 404, 20404);
            Assert.That(error.Message, Is.EqualTo($"The requested resource {path} was not found"));
        }

        var list = await other.GetStringAsync("/v1/Services");
        Assert.That(list, Does.StartWith("{\"services\":[]"));
        Assert.That(Fake.Snapshot(OtherAccount).Services, Is.Empty);
        Assert.That(Fake.Snapshot().Services.Single().FriendlyName, Is.EqualTo("mine"));
        Assert.That(Fake.Snapshot().Deployments, Has.Count.EqualTo(1));
        Assert.That(Fake.Journal.OfAccount(OtherAccount), Has.Count.EqualTo(paths.Length + 1));
    }

    [Test]
    public async Task OtherAccount_SameUniqueName_IsIndependent()
    {
        Seed("shared-name");
        using var other = CreateRawClient(OtherAccount, "another-token");

        var created = await other.PostAsync("/v1/Services", Form(("UniqueName", "shared-name"), ("FriendlyName", "Theirs")));

        Assert.That((int)created.StatusCode, Is.EqualTo(201), await created.Content.ReadAsStringAsync());
        Assert.That(Fake.Snapshot(OtherAccount).Services.Single().AccountSid, Is.EqualTo(OtherAccount));
        Assert.That(Fake.Snapshot().Services.Single().FriendlyName, Is.EqualTo("shared-name"));
    }

    [TestCase("PUT", "/v1/Services", "GET, POST")]
    [TestCase("PATCH", "/v1/Services", "GET, POST")]
    [TestCase("DELETE", "/v1/Services", "GET, POST")]
    [TestCase("PUT", "/v1/Services/{service}", "GET, POST, DELETE")]
    [TestCase("DELETE", "/v1/Services/{service}/Environments/{environment}/Deployments", "GET, POST")]
    [TestCase("POST", "/v1/Services/{service}/Environments/{environment}/Deployments/{deployment}", "GET")]
    [TestCase("DELETE", "/v1/Services/{service}/Environments/{environment}/Deployments/{deployment}", "GET")]
    [TestCase("POST", "/v1/Services/{service}/Environments/{environment}", "GET, DELETE")]
    [TestCase("POST", "/v1/Services/{service}/Environments/{environment}/Logs", "GET")]
    [TestCase("DELETE", "/v1/Services/{service}/Builds/{build}/Status", "GET")]
    [TestCase("POST", "/v1/Services/{service}/Builds/{build}", "GET, DELETE")]
    [TestCase("PUT", "/v1/Services/" + UnknownService, "GET, POST, DELETE")]
    public async Task Request_UnsupportedMethod_405WithAllow(string method, string template, string allow)
    {
        var s = Seed();
        var path = template.Replace("{service}", s.Service, StringComparison.Ordinal).Replace("{environment}", s.Environment, StringComparison.Ordinal)
            .Replace("{deployment}", s.Deployment, StringComparison.Ordinal).Replace("{build}", s.Build, StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Form(("FriendlyName", "x")) };

        var response = await Http.SendAsync(request);

        var error = await TwilioErrorBody.ReadAsync(response, 405, 20004);
        Assert.That(error.Message, Does.Contain(method));
        Assert.That(response.Content.Headers.Allow.Concat(response.Headers.TryGetValues("Allow", out var values) ? values : []).SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)),
            Is.EquivalentTo(allow.Split(", ")));
        Assert.That(Fake.Snapshot().Services, Has.Count.EqualTo(1));
        Assert.That(Fake.Snapshot().Deployments, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Create_MissingOrConflicting_400And409Shapes()
    {
        var missing = await TwilioErrorBody.ReadAsync(await Http.PostAsync("/v1/Services", Form(("FriendlyName", "x"))), 400, 20001);
        Assert.That(missing.Message, Is.EqualTo("Missing required parameter UniqueName in the post body"));

        Assert.That((int)(await Http.PostAsync("/v1/Services", Form(("UniqueName", "twice"), ("FriendlyName", "x")))).StatusCode, Is.EqualTo(201));
        var conflict = await TwilioErrorBody.ReadAsync(await Http.PostAsync("/v1/Services", Form(("UniqueName", "twice"), ("FriendlyName", "x"))), 409, 20409);
        Assert.That(conflict.Message, Does.Contain("twice"));
    }

    [Test]
    public async Task InjectedFaults_AnswerTwilioErrorBodies()
    {
        Fake.Faults.When("ListService").TooManyRequests(TimeSpan.FromSeconds(2)).Once();
        Fake.Faults.When("ListService").InternalServerError().Once();
        Fake.Faults.When("ListService").ServiceUnavailable().Once();
        Fake.Faults.When("ListService").RespondWith(403, 20005, "Account not active").Once();

        var tooMany = await Http.GetAsync("/v1/Services");
        await TwilioErrorBody.ReadAsync(tooMany, 429, 20429);
        await TwilioErrorBody.ReadAsync(await Http.GetAsync("/v1/Services"), 500, 20500);
        await TwilioErrorBody.ReadAsync(await Http.GetAsync("/v1/Services"), 503, 20503);
        var custom = await TwilioErrorBody.ReadAsync(await Http.GetAsync("/v1/Services"), 403, 20005);

        Assert.That(tooMany.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(custom.Message, Is.EqualTo("Account not active"));
        Assert.That((int)(await Http.GetAsync("/v1/Services")).StatusCode, Is.EqualTo(200), "every fault was used once");
    }

    [Test]
    public void SdkFetch_UnknownService_ApiExceptionCarriesTheBody()
    {
        var ex = Assert.ThrowsAsync<ApiException>(() => ServiceResource.FetchAsync(UnknownService, client: Twilio));

        Assert.That((ex!.Status, ex.Code), Is.EqualTo((404, 20404)));
        Assert.That(ex.Message, Is.EqualTo($"The requested resource /Services/{UnknownService} was not found"));
        Assert.That(ex.MoreInfo, Is.EqualTo("https://www.twilio.com/docs/errors/20404"));
    }

    [Test]
    public async Task Errors_AreJournaledWithTheirCode()
    {
        await Http.GetAsync("/v1/Services/" + UnknownService);
        using var anonymous = CreateRawClient(null, null);
        await anonymous.GetAsync("/v1/Services");
        await Http.PutAsync("/v1/Services", Form());

        Assert.That(Fake.Journal.Failed.Select(e => (e.StatusCode, e.ErrorCode)), Is.EqualTo(new (int, int?)[] { (404, 20404), (401, 20003), (405, 20004) }));
        Assert.That(Fake.Journal.Entries.Select(e => e.Operation), Is.EqualTo(new[] { "FetchService", "ListService", RequestJournal.UnmatchedOperation }));
    }

    private SeededIds Seed(string uniqueName = "seeded")
    {
        var account = Fake.Account();
        var service = account.CreateService(uniqueName);
        var environment = account.CreateEnvironment(service.Sid, "dev", "dev");
        var variable = account.SetVariable(service.Sid, environment.Sid, "KEY", "value");
        var function = account.CreateFunction(service.Sid, "fn");
        var functionVersion = account.CreateFunctionVersion(service.Sid, function.Sid, "/fn", "exports.handler = () => {};");
        var asset = account.CreateAsset(service.Sid, "asset");
        var assetVersion = account.CreateAssetVersion(service.Sid, asset.Sid, "/a.txt", "a"u8.ToArray(), "text/plain");
        var build = account.CreateBuild(service.Sid, [functionVersion.Sid], [assetVersion.Sid]);
        var deployment = account.Deploy(service.Sid, environment.Sid, build.Sid);
        var log = account.AppendLog(service.Sid, environment.Sid, "hello", functionSid: function.Sid);
        return new SeededIds(service.Sid, environment.Sid, variable.Sid, function.Sid, functionVersion.Sid, asset.Sid, build.Sid, deployment.Sid, log.Sid);
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] pairs) =>
        new(pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));

    private static AuthenticationHeaderValue Basic(string user, string password) => new("Basic", B64($"{user}:{password}"));

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
