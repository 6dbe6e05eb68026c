using System.Net.Http.Json;
using FakeServerless.Tests.Support;

namespace FakeServerless.Tests.Wire;

[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class JsonEscapingTests(FakeServerlessTransport transport) : FakeTestBase(transport)
{
    [Test]
    public async Task List_MetaUrls_HaveALiteralAmpersand()
    {
        var body = await Http.GetStringAsync("/v1/Services?PageSize=5");

        Assert.That(body, Does.Contain("/v1/Services?PageSize=5&Page=0\""));
        Assert.That(body, Does.Not.Contain("\\u0026"));
    }

    [Test]
    public async Task Create_NonAsciiFriendlyName_IsWrittenAsUtf8AndReadsBack()
    {
        var response = await Http.PostAsync("/v1/Services", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UniqueName"] = "cafe",
            ["FriendlyName"] = "Café <Crème> & \"Thé\"",
        }));
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(body, Does.Contain("\"friendly_name\":\"Café <Crème> & \\\"Thé\\\"\""));
        var parsed = await Http.GetFromJsonAsync<System.Text.Json.JsonElement>("/v1/Services/cafe");
        Assert.That(parsed.GetProperty("friendly_name").GetString(), Is.EqualTo("Café <Crème> & \"Thé\""));
    }
}
