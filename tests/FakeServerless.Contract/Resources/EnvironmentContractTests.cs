using FakeServerless.Contract.Support;
using Twilio.Rest.Serverless.V1.Service;

namespace FakeServerless.Contract.Resources;

public sealed class EnvironmentContractTests : ContractTestBase
{
    [Test]
    public async Task Create_ReturnsTheEnvironmentWithADomainAndNoBuild()
    {
        var service = await CreateServiceAsync();

        var environment = await CreateEnvironmentAsync(service.Sid, "stage");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(environment.Sid, Does.Match("^ZE[0-9a-f]{32}$"));
            Assert.That(environment.ServiceSid, Is.EqualTo(service.Sid));
            Assert.That(environment.AccountSid, Is.EqualTo(AccountSid));
            Assert.That(environment.UniqueName, Does.StartWith(UniqueNames.Prefix));
            Assert.That(environment.DomainSuffix, Is.EqualTo("stage"));
            Assert.That(environment.DomainName, Does.StartWith(service.UniqueName + "-").And.EndWith("-stage.twil.io"));
            Assert.That(environment.BuildSid, Is.Null);
            Assert.That(environment.Url, Is.EqualTo(new Uri($"https://serverless.twilio.com/v1/Services/{service.Sid}/Environments/{environment.Sid}")));
            Assert.That(environment.Links.Keys, Is.SupersetOf(new[] { "variables", "deployments", "logs" }));
        }
    }

    [Test]
    public async Task FetchAndRead_ReturnTheEnvironment()
    {
        var service = await CreateServiceAsync();
        var created = await CreateEnvironmentAsync(service.Sid);

        var fetched = await EnvironmentResource.FetchAsync(service.Sid, created.Sid, client: Twilio);
        var listed = await EnvironmentResource.ReadAsync(service.Sid, client: Twilio);

        Assert.That(fetched.DomainName, Is.EqualTo(created.DomainName));
        Assert.That(listed.Select(e => e.Sid), Is.EqualTo(new[] { created.Sid }));
    }

    [Test]
    public async Task Read_ByServiceUniqueName_ListsTheSameEnvironments()
    {
        var service = await CreateServiceAsync();
        var created = await CreateEnvironmentAsync(service.Sid);

        var listed = await EnvironmentResource.ReadAsync(service.UniqueName, client: Twilio);

        Assert.That(listed.Select(e => e.Sid), Is.EqualTo(new[] { created.Sid }));
    }

    [Test]
    public async Task Create_WithoutDomainSuffix_IsAllowed()
    {
        var service = await CreateServiceAsync();

        var environment = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: Name("env"), client: Twilio);

        Assert.That(environment.DomainName, Does.StartWith(service.UniqueName + "-").And.EndWith(".twil.io"));
    }

    [Test]
    public async Task Delete_ThenFetch_Is404()
    {
        var service = await CreateServiceAsync();
        var created = await CreateEnvironmentAsync(service.Sid);

        Assert.That(await EnvironmentResource.DeleteAsync(service.Sid, created.Sid, client: Twilio), Is.True);

        AssertError(await ApiErrorAsync(() => EnvironmentResource.FetchAsync(service.Sid, created.Sid, client: Twilio)), 404, 20404);
    }

    [Test]
    public async Task Create_WithoutUniqueName_Is400()
    {
        var service = await CreateServiceAsync();

        AssertErrorBody(await SendAsync(Http, HttpMethod.Post, $"Services/{service.Sid}/Environments", [new("DomainSuffix", "dev")]), 400, 20001);
    }
}
