using System.Net;
using System.Text.Json.Nodes;
using FakeServerless.Tests.Wire;
using Twilio.Exceptions;
using Twilio.Rest.Serverless.V1;

namespace FakeServerless.Tests.Control;

public sealed class JournalEndpointsTests : ControlTestBase
{
    private const string Other = "AC00000000000000000000000000000002";

    private async Task ThreeRequestsAsync()
    {
        await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio);
        Assert.ThrowsAsync<ApiException>(() => ServiceResource.FetchAsync("ZS00000000000000000000000000000000", client: Twilio));
        await TwilioHttp(Other).GetAsync("/v1/Services");
    }

    private static string[] Operations(JsonNode journal) =>
        journal["entries"]!.AsArray().Select(e => e!["operation"]!.GetValue<string>()).ToArray();

    [Test]
    public async Task List_NoFilter_EveryEntryOldestFirstWithEveryField()
    {
        await ThreeRequestsAsync();

        var journal = await GetJsonAsync("/_fake/journal");

        Assert.That(Operations(journal), Is.EqualTo(new[] { "CreateService", "FetchService", "ListService" }));
        var create = journal["entries"]![0]!.AsObject();
        Assert.That(create.Select(p => p.Key), Is.EqualTo(new[]
        {
            "timestamp", "account_sid", "operation", "method", "host", "path", "parameters", "status", "error_code", "duration_ms", "transport", "fault", "api_key_sid",
        }));
        Assert.That(create["account_sid"]!.GetValue<string>(), Is.EqualTo(Fake.AccountSid));
        Assert.That(create["method"]!.GetValue<string>(), Is.EqualTo("POST"));
        Assert.That(create["path"]!.GetValue<string>(), Is.EqualTo("/v1/Services"));
        Assert.That(create["parameters"]!["UniqueName"]!.AsArray().Single()!.GetValue<string>(), Is.EqualTo("shop"));
        Assert.That(create["status"]!.GetValue<int>(), Is.EqualTo(201));
        Assert.That(create["error_code"], Is.Null);
        Assert.That(create["transport"]!.GetValue<string>(), Is.EqualTo("http"));
        Assert.That(DateTimeOffset.Parse(create["timestamp"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).Offset, Is.EqualTo(TimeSpan.Zero));
        Assert.That(create["api_key_sid"], Is.Null);
        var fetch = journal["entries"]![1]!;
        Assert.That(fetch["status"]!.GetValue<int>(), Is.EqualTo(404));
        Assert.That(fetch["error_code"]!.GetValue<int>(), Is.EqualTo(20404));
    }

    [Test]
    public async Task List_RequestWithApiKey_NamesTheKey()
    {
        var key = Fake.CreateApiKey();
        var twilio = new Twilio.Clients.TwilioRestClient(key.Sid, key.Secret, accountSid: Fake.AccountSid, httpClient: new Twilio.Http.SystemNetHttpClient(Fake.CreateHttpClient()));
        await ServiceResource.CreateAsync(uniqueName: "keyed", friendlyName: "Keyed", client: twilio);

        var entry = (await GetJsonAsync("/_fake/journal?Operation=CreateService"))["entries"]!.AsArray().Single()!;

        Assert.That(entry["api_key_sid"]!.GetValue<string>(), Is.EqualTo(key.Sid));
        Assert.That(entry["account_sid"]!.GetValue<string>(), Is.EqualTo(Fake.AccountSid));
    }

    [Test]
    public async Task List_Filters_Combine()
    {
        await ThreeRequestsAsync();

        Assert.That(Operations(await GetJsonAsync("/_fake/journal?Operation=FetchService")), Is.EqualTo(new[] { "FetchService" }));
        Assert.That(Operations(await GetJsonAsync($"/_fake/journal?AccountSid={Other}")), Is.EqualTo(new[] { "ListService" }));
        Assert.That(Operations(await GetJsonAsync("/_fake/journal?Status=404")), Is.EqualTo(new[] { "FetchService" }));
        Assert.That(Operations(await GetJsonAsync($"/_fake/journal?AccountSid={Fake.AccountSid}&Status=201")), Is.EqualTo(new[] { "CreateService" }));
        Assert.That(Operations(await GetJsonAsync("/_fake/journal?Operation=DeleteService")), Is.Empty);
    }

    [Test]
    public async Task List_BadStatus_400NamesStatus()
    {
        var error = await TwilioErrorBody.ReadAsync(await Control.GetAsync("/_fake/journal?Status=4xx"), 400, 20001);

        Assert.That(error.Message, Does.StartWith("Status"));
    }

    [Test]
    public async Task Clear_AfterRequests_JournalEmpty()
    {
        await ThreeRequestsAsync();

        var response = await Control.DeleteAsync("/_fake/journal");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(Operations(await GetJsonAsync("/_fake/journal")), Is.Empty);
        Assert.That(Fake.Snapshot().Services, Has.Count.EqualTo(1), "state stays");
    }
}
