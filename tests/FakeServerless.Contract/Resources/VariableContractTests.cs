using FakeServerless.Contract.Support;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Contract.Resources;

public sealed class VariableContractTests : ContractTestBase
{
    private async Task<(string Service, string Environment)> EnvironmentAsync()
    {
        var service = await CreateServiceAsync();
        return (service.Sid, (await CreateEnvironmentAsync(service.Sid)).Sid);
    }

    [Test]
    public async Task Create_ReturnsKeyValueAndUrl()
    {
        var (service, environment) = await EnvironmentAsync();

        var variable = await VariableResource.CreateAsync(service, environment, key: "API_URL", value: "https://example.com", client: Twilio);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(variable.Sid, Does.Match("^ZV[0-9a-f]{32}$"));
            Assert.That((variable.Key, variable.Value), Is.EqualTo(("API_URL", "https://example.com")));
            Assert.That((variable.ServiceSid, variable.EnvironmentSid, variable.AccountSid), Is.EqualTo((service, environment, AccountSid)));
            Assert.That(variable.Url, Is.EqualTo(new Uri($"https://serverless.twilio.com/v1/Services/{service}/Environments/{environment}/Variables/{variable.Sid}")));
        }
    }

    [Test]
    public async Task FetchReadUpdate_RoundTrip()
    {
        var (service, environment) = await EnvironmentAsync();
        var created = await VariableResource.CreateAsync(service, environment, key: "A", value: "1", client: Twilio);
        var other = await VariableResource.CreateAsync(service, environment, key: "B", value: "2", client: Twilio);

        var updated = await VariableResource.UpdateAsync(service, environment, created.Sid, key: "A2", value: "one", client: Twilio);
        var fetched = await VariableResource.FetchAsync(service, environment, created.Sid, client: Twilio);
        var listed = await VariableResource.ReadAsync(service, environment, client: Twilio);

        Assert.That((updated.Key, updated.Value), Is.EqualTo(("A2", "one")));
        Assert.That((fetched.Key, fetched.Value), Is.EqualTo(("A2", "one")));
        Assert.That(listed.Select(v => v.Sid), Is.EquivalentTo(new[] { created.Sid, other.Sid }));
    }

    [Test]
    public async Task Delete_ThenFetch_Is404()
    {
        var (service, environment) = await EnvironmentAsync();
        var created = await VariableResource.CreateAsync(service, environment, key: "A", value: "1", client: Twilio);

        Assert.That(await VariableResource.DeleteAsync(service, environment, created.Sid, client: Twilio), Is.True);

        AssertError(await ApiErrorAsync(() => VariableResource.FetchAsync(service, environment, created.Sid, client: Twilio)), 404, 20404);
    }

    [Test]
    public async Task Create_WithoutValue_Is400()
    {
        var (service, environment) = await EnvironmentAsync();

        AssertErrorBody(await SendAsync(Http, HttpMethod.Post, $"Services/{service}/Environments/{environment}/Variables", [new("Key", "A")]), 400, 20001);
    }
}
