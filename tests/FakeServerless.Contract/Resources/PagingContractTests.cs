using System.Text.Json;
using FakeServerless.Contract.Support;
using Twilio.Rest.Serverless.V1.Service;

namespace FakeServerless.Contract.Resources;

/// <summary>Paging of a list scoped to a fresh service (an account-wide list would see a real account's other services).</summary>
public sealed class PagingContractTests : ContractTestBase
{
    private async Task<(string Service, string[] Functions)> ThreeFunctionsAsync()
    {
        var service = await CreateServiceAsync();
        var sids = new List<string>();
        foreach (var name in new[] { "a", "b", "c" })
        {
            sids.Add((await CreateFunctionAsync(service.Sid, name)).Sid);
        }

        return (service.Sid, [.. sids]);
    }

    [Test]
    public async Task FirstPage_MetaNamesKeySizeAndLinks()
    {
        var (service, functions) = await ThreeFunctionsAsync();

        var (status, body) = await SendAsync(Http, HttpMethod.Get, $"Services/{service}/Functions?PageSize=2");

        Assert.That(status, Is.EqualTo(200));
        var meta = body!.Value.GetProperty("meta");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.Value.GetProperty("functions").EnumerateArray().Select(f => f.GetProperty("sid").GetString()), Is.EqualTo(functions[..2]));
            Assert.That(meta.GetProperty("key").GetString(), Is.EqualTo("functions"));
            Assert.That(meta.GetProperty("page").GetInt32(), Is.Zero);
            Assert.That(meta.GetProperty("page_size").GetInt32(), Is.EqualTo(2));
            Assert.That(meta.GetProperty("url").GetString(), Does.StartWith($"https://serverless.twilio.com/v1/Services/{service}/Functions?").And.Contain("PageSize=2"));
            Assert.That(meta.GetProperty("first_page_url").GetString(), Does.StartWith($"https://serverless.twilio.com/v1/Services/{service}/Functions?").And.Contain("Page=0"));
            Assert.That(meta.GetProperty("previous_page_url").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(meta.GetProperty("next_page_url").GetString(), Does.StartWith($"https://serverless.twilio.com/v1/Services/{service}/Functions?").And.Contain("Page=1").And.Contain("PageToken="));
        }
    }

    [Test]
    public async Task NextPageUrl_ListsTheRestAndEnds()
    {
        var (service, functions) = await ThreeFunctionsAsync();
        var (_, first) = await SendAsync(Http, HttpMethod.Get, $"Services/{service}/Functions?PageSize=2");

        var (status, second) = await SendAsync(Http, HttpMethod.Get, first!.Value.GetProperty("meta").GetProperty("next_page_url").GetString()!);

        Assert.That(status, Is.EqualTo(200));
        var meta = second!.Value.GetProperty("meta");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.Value.GetProperty("functions").EnumerateArray().Select(f => f.GetProperty("sid").GetString()), Is.EqualTo(functions[2..]));
            Assert.That(meta.GetProperty("page").GetInt32(), Is.EqualTo(1));
            Assert.That(meta.GetProperty("next_page_url").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(meta.GetProperty("previous_page_url").GetString(), Does.Contain("Page=0"));
        }
    }

    [Test]
    public async Task Sdk_ReadWithASmallPageSize_FollowsEveryPage()
    {
        var (service, functions) = await ThreeFunctionsAsync();

        var listed = await FunctionResource.ReadAsync(service, pageSize: 1, client: Twilio);

        Assert.That(listed.Select(f => f.Sid), Is.EqualTo(functions));
    }

    [Test]
    public async Task Sdk_ReadWithALimit_StopsThere()
    {
        var (service, functions) = await ThreeFunctionsAsync();

        var listed = await FunctionResource.ReadAsync(service, pageSize: 1, limit: 2, client: Twilio);

        Assert.That(listed.Select(f => f.Sid), Is.EqualTo(functions[..2]));
    }
}
