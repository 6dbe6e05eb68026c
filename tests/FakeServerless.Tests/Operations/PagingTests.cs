using System.Text.Json;
using FakeServerless.Tests.Support;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;

namespace FakeServerless.Tests.Operations;

[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class PagingTests(FakeServerlessTransport transport) : OperationsTestBase(transport)
{
    [Test]
    public async Task ReadAsync_PageSizeSmallerThanList_FollowsNextPageUrlAcrossPages()
    {
        var created = SeedServices(5);

        var services = await ServiceResource.ReadAsync(pageSize: 2, client: Twilio);

        Assert.That(services.Select(s => s.Sid), Is.EqualTo(created));
        var pages = Fake.Journal.OfOperation("ListService");
        Assert.That(pages.Select(p => p.Parameter("PageToken")), Is.EqualTo(new[] { null, "PA" + created[1], "PA" + created[3] }));
    }

    [Test]
    public async Task ReadAsync_WithLimit_StopsFollowingPagesOnceLimitIsCovered()
    {
        var created = SeedServices(7);

        var services = await ServiceResource.ReadAsync(pageSize: 2, limit: 3, client: Twilio);

        // Twilio's SDK reads ceil(limit / pageSize) whole pages and yields every record on them.
        Assert.That(services.Select(s => s.Sid).ToList(), Is.EqualTo(created.Take(4)));
        Assert.That(Fake.Journal.OfOperation("ListService"), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task ReadAsync_NewestFirstListAcrossPages_KeepsNewestFirstOrder()
    {
        var service = await CreateServiceAsync();
        var version = await CreateFunctionVersionAsync(service.Sid);
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            created.Insert(0, Fake.Account().CreateBuild(service.Sid, [version]).Sid);
        }

        var builds = await BuildResource.ReadAsync(service.Sid, pageSize: 2, client: Twilio);

        Assert.That(builds.Select(b => b.Sid), Is.EqualTo(created));
    }

    [Test]
    public async Task List_FirstPage_MetaHasAllSevenKeysWithDefaults()
    {
        SeedServices(1);

        using var response = await Http.GetAsync("/v1/Services");

        var meta = (await JsonAsync(response)).GetProperty("meta");
        Assert.That(meta.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "page", "page_size", "first_page_url", "previous_page_url", "url", "next_page_url", "key" }));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(meta.GetProperty("page").GetInt32(), Is.EqualTo(0));
            Assert.That(meta.GetProperty("page_size").GetInt32(), Is.EqualTo(50));
            Assert.That(meta.GetProperty("key").GetString(), Is.EqualTo("services"));
            Assert.That(meta.GetProperty("first_page_url").GetString(), Does.EndWith("/v1/Services?PageSize=50&Page=0"));
            Assert.That(meta.GetProperty("url").GetString(), Does.EndWith("/v1/Services?PageSize=50&Page=0"));
            Assert.That(meta.GetProperty("previous_page_url").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(meta.GetProperty("next_page_url").ValueKind, Is.EqualTo(JsonValueKind.Null));
        }
    }

    [Test]
    public async Task List_Empty_ReturnsEmptyArrayAndMeta()
    {
        using var response = await Http.GetAsync("/v1/Services");

        var body = await JsonAsync(response);
        Assert.That(body.GetProperty("services").GetArrayLength(), Is.Zero);
        Assert.That(body.GetProperty("meta").GetProperty("next_page_url").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task List_NextAndPreviousPageUrls_AreAbsoluteAndCarryTokens()
    {
        var created = SeedServices(5);

        using var first = await Http.GetAsync("/v1/Services?PageSize=2");
        var firstMeta = (await JsonAsync(first)).GetProperty("meta");
        var next = firstMeta.GetProperty("next_page_url").GetString()!;
        using var second = await Http.GetAsync(next);
        var secondBody = await JsonAsync(second);
        var previous = secondBody.GetProperty("meta").GetProperty("previous_page_url").GetString()!;
        using var back = await Http.GetAsync(previous);
        var backBody = await JsonAsync(back);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Uri.IsWellFormedUriString(next, UriKind.Absolute), Is.True, next);
            Assert.That(next, Does.EndWith($"/v1/Services?PageSize=2&Page=1&PageToken=PA{created[1]}"));
            Assert.That(Sids(secondBody, "services"), Is.EqualTo(created.Skip(2).Take(2)));
            Assert.That(secondBody.GetProperty("meta").GetProperty("page").GetInt32(), Is.EqualTo(1));
            Assert.That(secondBody.GetProperty("meta").GetProperty("url").GetString(), Is.EqualTo(next));
            Assert.That(previous, Does.EndWith($"/v1/Services?PageSize=2&Page=0&PageToken=PB{created[2]}"));
            Assert.That(Sids(backBody, "services"), Is.EqualTo(created.Take(2)));
        }
    }

    [Test]
    public async Task List_LastPage_NextPageUrlIsNull()
    {
        var created = SeedServices(4);

        using var response = await Http.GetAsync($"/v1/Services?PageSize=2&Page=1&PageToken=PA{created[1]}");

        var body = await JsonAsync(response);
        Assert.That(Sids(body, "services"), Is.EqualTo(created.Skip(2)));
        Assert.That(body.GetProperty("meta").GetProperty("next_page_url").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task List_PageWithoutToken_SkipsPageTimesPageSize()
    {
        var created = SeedServices(5);

        using var response = await Http.GetAsync("/v1/Services?PageSize=2&Page=1");

        var body = await JsonAsync(response);
        Assert.That(Sids(body, "services"), Is.EqualTo(created.Skip(2).Take(2)));
        Assert.That(body.GetProperty("meta").GetProperty("previous_page_url").GetString(), Does.Contain("Page=0"));
    }

    [Test]
    public async Task List_TokenOfDeletedItem_ContinuesAfterItsPlace()
    {
        var created = SeedServices(5);
        using var first = await Http.GetAsync("/v1/Services?PageSize=2");
        var next = (await JsonAsync(first)).GetProperty("meta").GetProperty("next_page_url").GetString()!;

        await ServiceResource.DeleteAsync(created[1], client: Twilio);
        using var second = await Http.GetAsync(next);

        Assert.That(Sids(await JsonAsync(second), "services"), Is.EqualTo(created.Skip(2).Take(2)));
    }

    [Test]
    public async Task List_PageSizeOver1000_IsClampedTo1000()
    {
        using var response = await Http.GetAsync("/v1/Services?PageSize=5000");

        var meta = (await JsonAsync(response)).GetProperty("meta");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(meta.GetProperty("page_size").GetInt32(), Is.EqualTo(1000));
        Assert.That(meta.GetProperty("url").GetString(), Does.Contain("PageSize=1000"));
    }

    [Test]
    public async Task List_PageSize1000_ReturnsAllOfALongListOnOnePage()
    {
        var created = SeedServices(60);

        var services = await ServiceResource.ReadAsync(pageSize: 1000, client: Twilio);

        Assert.That(services.Select(s => s.Sid), Is.EqualTo(created));
        Assert.That(Fake.Journal.OfOperation("ListService"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task List_DefaultPageSize_Is50()
    {
        var created = SeedServices(51);

        using var response = await Http.GetAsync("/v1/Services");

        var body = await JsonAsync(response);
        Assert.That(Sids(body, "services"), Is.EqualTo(created.Take(50)));
        Assert.That(body.GetProperty("meta").GetProperty("next_page_url").GetString(), Does.Contain($"PageToken=PA{created[49]}"));
    }

    [TestCase("PageSize=0")]
    [TestCase("PageSize=abc")]
    [TestCase("Page=-1")]
    [TestCase("PageToken=XYZ")]
    public async Task List_InvalidPagingParameter_Returns400(string query)
    {
        using var response = await Http.GetAsync($"/v1/Services?{query}");

        var body = await JsonAsync(response);
        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo(20001));
    }

    [Test]
    public async Task List_PreviousPageUrlAfterNewerItemsArrive_StaysFollowable()
    {
        var service = await CreateServiceAsync();
        var version = await CreateFunctionVersionAsync(service.Sid);
        var account = Fake.Account();
        var created = Enumerable.Range(0, 4).Select(_ => account.CreateBuild(service.Sid, [version]).Sid).Reverse().ToList();
        using var first = await Http.GetAsync($"/v1/Services/{service.Sid}/Builds?PageSize=2");
        var next = (await JsonAsync(first)).GetProperty("meta").GetProperty("next_page_url").GetString()!;
        using var second = await Http.GetAsync(next);
        var previous = (await JsonAsync(second)).GetProperty("meta").GetProperty("previous_page_url").GetString()!;

        var newest = account.CreateBuild(service.Sid, [version]).Sid;
        using var back = await Http.GetAsync(previous);
        var backBody = await JsonAsync(back);
        var beforeThat = backBody.GetProperty("meta").GetProperty("previous_page_url").GetString()!;
        using var front = await Http.GetAsync(beforeThat);

        Assert.That(Sids(backBody, "builds"), Is.EqualTo(created.Take(2)));
        Assert.That((int)front.StatusCode, Is.EqualTo(200), await front.Content.ReadAsStringAsync());
        Assert.That(Sids(await JsonAsync(front), "builds"), Is.EqualTo(new[] { newest }));
    }

    private static List<string?> Sids(JsonElement body, string key) =>
        body.GetProperty(key).EnumerateArray().Select(e => e.GetProperty("sid").GetString()).ToList();

    private List<string> SeedServices(int count)
    {
        var account = Fake.Account();
        return Enumerable.Range(0, count).Select(i => account.CreateService($"service-{i}").Sid).ToList();
    }
}
