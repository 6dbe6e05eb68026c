using System.Net;
using System.Text.Json;
using FakeServerless.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace FakeServerless.Tests.Wire;

/// <summary>
/// What goes over the wire, read raw: parameter parsing (booleans, unknown parameters, paging), JSON dates, SID shapes and
/// absolute URLs on the request's host or the configured public base URL.
/// </summary>
[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class WireFormatTests(FakeServerlessTransport transport) : FakeTestBase(transport)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 4, 5, 6, 7, 891, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Start);
    private Uri? _publicBaseUrl;

    protected override FakeServerlessOptions Configure(FakeServerlessOptions options)
    {
        options.TimeProvider = _clock;
        options.PublicBaseUrl = _publicBaseUrl;
        return options;
    }

    [TestCase("true", true)]
    [TestCase("TRUE", true)]
    [TestCase("True", true)]
    [TestCase("false", false)]
    [TestCase("FALSE", false)]
    [TestCase("False", false)]
    public async Task CreateService_IncludeCredentialsInAnyCase_Parsed(string value, bool expected)
    {
        var json = await Created("/v1/Services", ("UniqueName", "svc"), ("FriendlyName", "Svc"), ("IncludeCredentials", value), ("UiEditable", value));

        Assert.That(json.GetProperty("include_credentials").GetBoolean(), Is.EqualTo(expected));
        Assert.That(json.GetProperty("ui_editable").GetBoolean(), Is.EqualTo(expected));
    }

    [TestCase("yes")]
    [TestCase("1")]
    [TestCase("tru")]
    [TestCase("on")]
    public async Task CreateService_BadBoolean_400NamesTheParameter(string value)
    {
        var response = await Http.PostAsync("/v1/Services", Form(("UniqueName", "svc"), ("FriendlyName", "Svc"), ("IncludeCredentials", value)));

        var error = await TwilioErrorBody.ReadAsync(response, 400, 20001);
        Assert.That(error.Message, Does.Contain("IncludeCredentials").And.Contain(value));
        Assert.That(Fake.Snapshot().Services, Is.Empty);
    }

    [Test]
    public async Task CreateService_UnknownParameters_Ignored()
    {
        var json = await Created("/v1/Services", ("UniqueName", "svc"), ("FriendlyName", "Svc"), ("Colour", "blue"), ("uniquename", "other"), ("Sid", "ZS00000000000000000000000000000000"));

        Assert.That(json.GetProperty("unique_name").GetString(), Is.EqualTo("svc"));
        Assert.That(json.GetProperty("sid").GetString(), Is.Not.EqualTo("ZS00000000000000000000000000000000"));
    }

    [Test]
    public async Task CreateService_QueryStringParameters_AlsoRead()
    {
        var response = await Http.PostAsync("/v1/Services?UniqueName=from-query&FriendlyName=Q", Form());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        Assert.That(Fake.Snapshot().Services.Single().UniqueName, Is.EqualTo("from-query"));
    }

    [Test]
    public async Task Delete_EmptyBodyWithFormContentType_204()
    {
        var service = Fake.Account().CreateService("doomed");
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"/v1/Services/{service.Sid}")
        {
            Content = new ByteArrayContent([]) { Headers = { { "Content-Type", "application/x-www-form-urlencoded" } } },
        };

        var response = await Http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.Empty);
        Assert.That(Fake.Snapshot().Services, Is.Empty);
    }

    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("abc")]
    [TestCase("1.5")]
    [TestCase("99999999999")]
    public async Task List_BadPageSize_400(string pageSize)
    {
        var error = await TwilioErrorBody.ReadAsync(await Http.GetAsync($"/v1/Services?PageSize={pageSize}"), 400, 20001);

        Assert.That(error.Message, Does.Contain("PageSize"));
    }

    [TestCase("-1")]
    [TestCase("x")]
    public async Task List_BadPage_400(string page)
    {
        var error = await TwilioErrorBody.ReadAsync(await Http.GetAsync($"/v1/Services?Page={page}"), 400, 20001);

        Assert.That(error.Message, Does.Contain("Page"));
    }

    [Test]
    public async Task List_PageSizeAboveMaximum_ClampedTo1000()
    {
        Fake.Account().CreateService("one");

        var json = await Ok("/v1/Services?PageSize=5000");

        var meta = json.GetProperty("meta");
        Assert.That(meta.GetProperty("page_size").GetInt32(), Is.EqualTo(1000));
        Assert.That(meta.GetProperty("url").GetString(), Does.Contain("PageSize=1000").And.Not.Contain("5000"));
        Assert.That(meta.GetProperty("first_page_url").GetString(), Does.Contain("PageSize=1000"));
        Assert.That(json.GetProperty("services").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task List_DefaultPaging_Is50FromPage0()
    {
        var meta = (await Ok("/v1/Services")).GetProperty("meta");

        Assert.That((meta.GetProperty("page").GetInt32(), meta.GetProperty("page_size").GetInt32()), Is.EqualTo((0, 50)));
        Assert.That(meta.GetProperty("key").GetString(), Is.EqualTo("services"));
        Assert.That(meta.GetProperty("next_page_url").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(meta.GetProperty("previous_page_url").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [TestCase("garbage")]
    [TestCase("PA")]
    [TestCase("PX" + "ZS00000000000000000000000000000000")]
    [TestCase("pa" + "ZS00000000000000000000000000000000")]
    public async Task List_BadPageToken_400(string token)
    {
        var error = await TwilioErrorBody.ReadAsync(await Http.GetAsync($"/v1/Services?PageToken={token}"), 400, 20001);

        Assert.That(error.Message, Does.Contain("PageToken"));
    }

    [TestCase("?=&PageSize=2&==", 200, 2)]
    [TestCase("?PageSize=3&Colour=a;b", 200, 3)]
    [TestCase("?;&PageSize=4", 200, 4)]
    [TestCase("?PageSize=3;4", 400, 0)]
    public async Task List_QueryWithBareEqualsOrSemicolons_ReadLikeAnyQuery(string query, int status, int pageSize)
    {
        var response = await Http.GetAsync("/v1/Services" + query);
        var text = await response.Content.ReadAsStringAsync();

        Assert.That((int)response.StatusCode, Is.EqualTo(status), text);
        if (status == 200)
        {
            using var json = JsonDocument.Parse(text);
            Assert.That(json.RootElement.GetProperty("meta").GetProperty("page_size").GetInt32(), Is.EqualTo(pageSize));
        }
        else
        {
            await TwilioErrorBody.ReadAsync(response, 400, 20001);
        }
    }

    [Test]
    public async Task List_FollowingNextPageUrls_VisitsEveryItemOnce()
    {
        var created = Enumerable.Range(0, 7).Select(i => Fake.Account().CreateService($"svc-{i}").Sid).ToList();

        var seen = new List<string>();
        string? next = "/v1/Services?PageSize=3";
        var pages = 0;
        while (next is not null && pages++ < 10)
        {
            var json = await Ok(next);
            seen.AddRange(json.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("sid").GetString()!));
            next = json.GetProperty("meta").GetProperty("next_page_url").GetString();
        }

        Assert.That(seen, Is.EqualTo(created));
        Assert.That(pages, Is.EqualTo(3));
    }

    [Test]
    public async Task List_FollowingPreviousPageUrls_ReturnsTheSamePagesBackwards()
    {
        Enumerable.Range(0, 7).ToList().ForEach(i => Fake.Account().CreateService($"svc-{i}"));
        var forward = new List<(string Url, string[] Sids)>();
        string? next = "/v1/Services?PageSize=3";
        while (next is not null && forward.Count < 10)
        {
            var json = await Ok(next);
            forward.Add((next, json.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("sid").GetString()!).ToArray()));
            next = json.GetProperty("meta").GetProperty("next_page_url").GetString();
        }

        var last = await Ok(forward[^1].Url);
        var previous = last.GetProperty("meta").GetProperty("previous_page_url").GetString()!;
        var back = await Ok(previous);
        var first = await Ok(back.GetProperty("meta").GetProperty("previous_page_url").GetString()!);

        Assert.That(back.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("sid").GetString()), Is.EqualTo(forward[1].Sids));
        Assert.That(first.GetProperty("services").EnumerateArray().Select(s => s.GetProperty("sid").GetString()), Is.EqualTo(forward[0].Sids));
        Assert.That(first.GetProperty("meta").GetProperty("page").GetInt32(), Is.EqualTo(0));
        Assert.That(first.GetProperty("meta").GetProperty("previous_page_url").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task ListLog_Filters_KeptInEveryMetaUrl()
    {
        var service = Fake.Account().CreateService("logs");
        var environment = Fake.Account().CreateEnvironment(service.Sid, "dev");
        for (var i = 0; i < 3; i++)
        {
            Fake.Account().AppendLog(service.Sid, environment.Sid, $"line {i}");
        }

        var json = await Ok($"/v1/Services/{service.Sid}/Environments/{environment.Sid}/Logs?StartDate=2026-03-04T00:00:00Z&EndDate=2026-03-05T00:00:00Z&PageSize=2");

        var meta = json.GetProperty("meta");
        Assert.That(json.GetProperty("logs").GetArrayLength(), Is.EqualTo(2));
        foreach (var name in new[] { "url", "first_page_url", "next_page_url" })
        {
            var url = new Uri(meta.GetProperty(name).GetString()!);
            var query = new FakeServerless.Wire.FormData();
            FakeServerless.Wire.FormParser.ParseUrlEncoded(url.Query, query);
            Assert.That((query.Get("StartDate"), query.Get("EndDate"), query.Get("PageSize")), Is.EqualTo(("2026-03-04T00:00:00Z", "2026-03-05T00:00:00Z", "2")), name);
        }

        var next = await Ok(new Uri(meta.GetProperty("next_page_url").GetString()!).PathAndQuery);
        Assert.That(next.GetProperty("logs").EnumerateArray().Single().GetProperty("message").GetString(), Is.EqualTo("line 0"));
    }

    [Test]
    public async Task Json_Dates_AreWholeSecondsUtcWithZ()
    {
        var ids = await SeedOverHttp();
        _clock.Advance(TimeSpan.FromMinutes(5));
        await Http.PostAsync($"/v1/Services/{ids.Service}", Form(("FriendlyName", "later")));

        var dates = new List<(string Field, string Value)>();
        foreach (var path in ResourcePaths(ids))
        {
            CollectStrings(await Ok(path), (name, _) => name.StartsWith("date_", StringComparison.Ordinal), dates);
        }

        Assert.That(dates, Has.Count.GreaterThan(20));
        Assert.That(dates.Select(d => d.Value), Has.All.Match(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$"));
        Assert.That(dates.Select(d => d.Value), Has.Some.EqualTo("2026-03-04T05:06:07Z"));
        var service = await Ok($"/v1/Services/{ids.Service}");
        Assert.That(service.GetProperty("date_created").GetString(), Is.EqualTo("2026-03-04T05:06:07Z"));
        Assert.That(service.GetProperty("date_updated").GetString(), Is.EqualTo("2026-03-04T05:11:07Z"));
    }

    [Test]
    public async Task Json_Sids_AreLowercaseHexWithTheResourcePrefix()
    {
        var ids = await SeedOverHttp();
        var expected = new Dictionary<string, string>
        {
            ["account_sid"] = "AC", ["service_sid"] = "ZS", ["environment_sid"] = "ZE", ["build_sid"] = "ZB", ["deployment_sid"] = "ZD",
            ["function_sid"] = "ZH", ["asset_sid"] = "ZH", ["request_sid"] = "RQ",
        };
        var sidsByPath = new Dictionary<string, string>
        {
            [$"/v1/Services/{ids.Service}"] = "ZS",
            [$"/v1/Services/{ids.Service}/Environments/{ids.Environment}"] = "ZE",
            [$"/v1/Services/{ids.Service}/Environments/{ids.Environment}/Variables/{ids.Variable}"] = "ZV",
            [$"/v1/Services/{ids.Service}/Environments/{ids.Environment}/Deployments/{ids.Deployment}"] = "ZD",
            [$"/v1/Services/{ids.Service}/Environments/{ids.Environment}/Logs/{ids.Log}"] = "NO",
            [$"/v1/Services/{ids.Service}/Functions/{ids.Function}"] = "ZH",
            [$"/v1/Services/{ids.Service}/Functions/{ids.Function}/Versions/{ids.FunctionVersion}"] = "ZN",
            [$"/v1/Services/{ids.Service}/Assets/{ids.Asset}"] = "ZH",
            [$"/v1/Services/{ids.Service}/Builds/{ids.Build}"] = "ZB",
        };

        foreach (var (path, prefix) in sidsByPath)
        {
            var json = await Ok(path);
            Assert.That(json.GetProperty("sid").GetString(), Does.Match($"^{prefix}[0-9a-f]{{32}}$"), path);
            var sids = new List<(string Field, string Value)>();
            CollectStrings(json, (name, _) => name.EndsWith("_sid", StringComparison.Ordinal), sids);
            foreach (var (field, value) in sids)
            {
                Assert.That(value, Does.Match($"^{expected[field]}[0-9a-f]{{32}}$"), $"{path} {field}");
            }
        }

        var assetVersion = await Ok($"/v1/Services/{ids.Service}/Assets/{ids.Asset}/Versions");
        Assert.That(assetVersion.GetProperty("asset_versions")[0].GetProperty("sid").GetString(), Does.Match("^ZN[0-9a-f]{32}$"));
        Assert.That(ids.Log, Does.Match("^NO[0-9a-f]{32}$"));
        Assert.That(Fake.Snapshot().Logs.Single().RequestSid, Does.Match("^RQ[0-9a-f]{32}$"));
    }

    [Test]
    public async Task Json_Urls_AreAbsoluteOnTheRequestsHost()
    {
        var ids = await SeedOverHttp();
        var expectedBase = Transport == FakeServerlessTransport.Http ? Fake.Url.GetLeftPart(UriPartial.Authority) : "https://serverless.twilio.com";

        var urls = await AllUrls(ids);

        Assert.That(urls, Has.Count.GreaterThan(40));
        Assert.That(urls, Has.All.StartWith(expectedBase + "/v1/Services"));
        Assert.That(urls.Where(u => Uri.TryCreate(u, UriKind.Absolute, out _)).ToList(), Has.Count.EqualTo(urls.Count));
    }

    [Test]
    public async Task Json_SelfUrls_FetchTheSameResource()
    {
        var ids = await SeedOverHttp();

        foreach (var path in ResourcePaths(ids).Where(p => !p.EndsWith('s')))
        {
            var json = await Ok(path);
            var self = json.GetProperty("url").GetString()!;
            var again = await Ok(new Uri(self).PathAndQuery);
            Assert.That(again.GetRawText(), Is.EqualTo(json.GetRawText()), path);
        }
    }

    [Test]
    public async Task Json_HostHeaderOverThePort_UrlsUseThatHost()
    {
        if (Transport == FakeServerlessTransport.InMemory)
        {
            // In memory the request's own URL is the host: a request to a regional host links back to it.
            var regional = await Http.GetAsync("https://serverless.dublin.ie1.twilio.com/v1/Services");
            using var regionalJson = JsonDocument.Parse(await regional.Content.ReadAsStringAsync());
            Assert.That(regionalJson.RootElement.GetProperty("meta").GetProperty("url").GetString(), Does.StartWith("https://serverless.dublin.ie1.twilio.com/v1/Services?"));
            return;
        }

        using var client = new System.Net.Http.HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Fake.Url, "/v1/Services"));
        request.Headers.Host = "api.example.test:8443";
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Fake.AccountSid}:{Fake.AuthToken}")));

        using var json = JsonDocument.Parse(await (await client.SendAsync(request)).Content.ReadAsStringAsync());

        Assert.That(json.RootElement.GetProperty("meta").GetProperty("url").GetString(), Does.StartWith("http://api.example.test:8443/v1/Services?"));
    }

    [Test]
    public async Task Upload_ToTheUploadHost_UrlsNameTheApiHost()
    {
        var service = Fake.Account().CreateService("uploads");
        var function = Fake.Account().CreateFunction(service.Sid, "fn");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Fake.Url, $"/v1/Services/{service.Sid}/Functions/{function.Sid}/Versions"))
        {
            Content = Form(("Path", "/fn"), ("Visibility", "public"), ("Content", "exports.handler = () => {};")),
        };
        request.Headers.Host = "serverless-upload.twilio.com";

        var response = await Http.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var expected = $"{Fake.Url.Scheme}://serverless.twilio.com/v1/Services/{service.Sid}/Functions/{function.Sid}/Versions/";
        Assert.That(json.RootElement.GetProperty("url").GetString(), Does.StartWith(expected));
        Assert.That(json.RootElement.GetProperty("links").GetProperty("function_version_content").GetString(), Does.StartWith(expected).And.EndWith("/Content"));
    }

    [Test]
    public async Task Json_PublicBaseUrl_UsedForEveryUrl()
    {
        _publicBaseUrl = new Uri("https://serverless.example.test");
        var ids = await SeedOverHttp();

        var urls = await AllUrls(ids);

        Assert.That(urls, Has.Count.GreaterThan(40));
        Assert.That(urls, Has.All.StartWith("https://serverless.example.test/v1/Services"));
    }

    [Test]
    public async Task Responses_SuccessAndError_CarryADistinctTwilioRequestId()
    {
        var responses = new[]
        {
            await Http.GetAsync("/v1/Services"),
            await Http.GetAsync("/v1/Services/ZS00000000000000000000000000000000"),
            await CreateRawClient(null, null).GetAsync("/v1/Services"),
            await Http.PutAsync("/v1/Services", Form()),
        };

        var ids = responses.Select(r => r.Headers.TryGetValues("Twilio-Request-Id", out var values) ? values.Single() : "(none)").ToList();

        Assert.That(ids, Has.All.Match("^RQ[0-9a-f]{32}$"));
        Assert.That(ids, Is.Unique);
    }

    [Test]
    public async Task Json_ErrorBodiesAndLists_AreCompactUtf8Json()
    {
        Fake.Account().CreateService("caf", "Café ✓");

        var response = await Http.GetAsync("/v1/Services");
        var text = await response.Content.ReadAsStringAsync();

        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        Assert.That(text, Does.Not.Contain("\n"));
        using var json = JsonDocument.Parse(text);
        Assert.That(json.RootElement.GetProperty("services")[0].GetProperty("friendly_name").GetString(), Is.EqualTo("Café ✓"));
    }

    private async Task<List<string>> AllUrls(SeededIds ids)
    {
        var urls = new List<(string Field, string Value)>();
        foreach (var path in ResourcePaths(ids))
        {
            CollectStrings(await Ok(path), (name, value) => name == "url" || name.EndsWith("_url", StringComparison.Ordinal) || value.StartsWith("http", StringComparison.Ordinal), urls);
        }

        return urls.Select(u => u.Value).ToList();
    }

    /// <summary>Every fetch and list path of the seeded tree.</summary>
    private static IEnumerable<string> ResourcePaths(SeededIds ids)
    {
        var s = $"/v1/Services/{ids.Service}";
        var e = $"{s}/Environments/{ids.Environment}";
        return
        [
            "/v1/Services", s,
            $"{s}/Environments", e,
            $"{e}/Variables", $"{e}/Variables/{ids.Variable}",
            $"{e}/Deployments", $"{e}/Deployments/{ids.Deployment}",
            $"{e}/Logs", $"{e}/Logs/{ids.Log}",
            $"{s}/Functions", $"{s}/Functions/{ids.Function}",
            $"{s}/Functions/{ids.Function}/Versions", $"{s}/Functions/{ids.Function}/Versions/{ids.FunctionVersion}",
            $"{s}/Functions/{ids.Function}/Versions/{ids.FunctionVersion}/Content",
            $"{s}/Assets", $"{s}/Assets/{ids.Asset}", $"{s}/Assets/{ids.Asset}/Versions",
            $"{s}/Builds", $"{s}/Builds/{ids.Build}", $"{s}/Builds/{ids.Build}/Status",
        ];
    }

    /// <summary>Seeds a full tree through the API (uploads included), plus one log.</summary>
    private async Task<SeededIds> SeedOverHttp()
    {
        var service = Sid(await Created("/v1/Services", ("UniqueName", "wire"), ("FriendlyName", "Wire")));
        var environment = Sid(await Created($"/v1/Services/{service}/Environments", ("UniqueName", "dev"), ("DomainSuffix", "dev")));
        var variable = Sid(await Created($"/v1/Services/{service}/Environments/{environment}/Variables", ("Key", "K"), ("Value", "V")));
        var function = Sid(await Created($"/v1/Services/{service}/Functions", ("FriendlyName", "fn")));
        var functionVersion = Sid(await Created($"https://serverless-upload.twilio.com/v1/Services/{service}/Functions/{function}/Versions", ("Path", "/fn"), ("Visibility", "public"), ("Content", "exports.handler = () => {};")));
        var asset = Sid(await Created($"/v1/Services/{service}/Assets", ("FriendlyName", "asset")));
        var assetVersion = Sid(await Created($"https://serverless-upload.twilio.com/v1/Services/{service}/Assets/{asset}/Versions", ("Path", "/a.txt"), ("Visibility", "public"), ("Content", "a")));
        var build = Sid(await Created($"/v1/Services/{service}/Builds", ("FunctionVersions", functionVersion), ("AssetVersions", assetVersion)));
        await Ok($"/v1/Services/{service}/Builds/{build}/Status");
        var deployment = Sid(await Created($"/v1/Services/{service}/Environments/{environment}/Deployments", ("BuildSid", build)));
        var log = Fake.Account().AppendLog(service, environment, "hello", functionSid: function);
        return new SeededIds(service, environment, variable, function, functionVersion, asset, build, deployment, log.Sid);
    }

    private static void CollectStrings(JsonElement element, Func<string, string, bool> select, List<(string Field, string Value)> into, string name = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    CollectStrings(property.Value, select, into, property.Name);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CollectStrings(item, select, into, name);
                }

                break;
            case JsonValueKind.String when select(name, element.GetString()!):
                into.Add((name, element.GetString()!));
                break;
        }
    }

    private async Task<JsonElement> Created(string path, params (string Key, string Value)[] form)
    {
        var response = await Http.PostAsync(path, Form(form));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), $"POST {path}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<JsonElement> Ok(string path)
    {
        var response = await Http.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"GET {path}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Sid(JsonElement json) => json.GetProperty("sid").GetString()!;

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] pairs) =>
        new(pairs.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));
}
