using FakeServerless.Contract.Support;
using Twilio.Rest.Serverless.V1;

namespace FakeServerless.Contract.Resources;

public sealed class ServiceContractTests : ContractTestBase
{
    [Test]
    public async Task Create_ReturnsTheServiceWithItsUrlAndLinks()
    {
        var service = await CreateServiceAsync(includeCredentials: true);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(service.Sid, Does.Match("^ZS[0-9a-f]{32}$"));
            Assert.That(service.AccountSid, Is.EqualTo(AccountSid));
            Assert.That(service.UniqueName, Does.StartWith(UniqueNames.Prefix));
            Assert.That(service.FriendlyName, Is.EqualTo(service.UniqueName));
            Assert.That(service.IncludeCredentials, Is.True);
            Assert.That(service.UiEditable, Is.False);
            Assert.That(service.DateCreated, Is.Not.Null);
            Assert.That(service.Url, Is.EqualTo(new Uri($"https://serverless.twilio.com/v1/Services/{service.Sid}")));
            Assert.That(service.Links.Keys, Is.SupersetOf(new[] { "environments", "functions", "assets", "builds" }));
            Assert.That(service.Links["builds"], Is.EqualTo($"https://serverless.twilio.com/v1/Services/{service.Sid}/Builds"));
        }
    }

    [Test]
    public async Task Fetch_BySidAndByUniqueName_ReturnsTheService()
    {
        var created = await CreateServiceAsync();

        var bySid = await ServiceResource.FetchAsync(created.Sid, client: Twilio);
        var byName = await ServiceResource.FetchAsync(created.UniqueName, client: Twilio);

        Assert.That((bySid.Sid, byName.Sid), Is.EqualTo((created.Sid, created.Sid)));
    }

    [Test]
    public async Task Read_ListsTheCreatedServices()
    {
        var first = await CreateServiceAsync();
        var second = await CreateServiceAsync();

        var services = await ServiceResource.ReadAsync(client: Twilio);

        Assert.That(services.Select(s => s.Sid), Is.SupersetOf(new[] { first.Sid, second.Sid }));
    }

    [Test]
    public async Task Update_ChangesFriendlyNameAndFlags()
    {
        var created = await CreateServiceAsync();

        var updated = await ServiceResource.UpdateAsync(created.Sid, includeCredentials: false, friendlyName: "renamed", uiEditable: true, client: Twilio);

        Assert.That((updated.FriendlyName, updated.IncludeCredentials, updated.UiEditable, updated.UniqueName), Is.EqualTo(("renamed", (bool?)false, (bool?)true, created.UniqueName)));
        var fetched = await ServiceResource.FetchAsync(created.Sid, client: Twilio);
        Assert.That(fetched.FriendlyName, Is.EqualTo("renamed"));
    }

    [Test]
    public async Task Delete_ThenFetch_Is404()
    {
        var created = await CreateServiceAsync();

        var deleted = await ServiceResource.DeleteAsync(created.Sid, client: Twilio);

        Assert.That(deleted, Is.True);
        AssertError(await ApiErrorAsync(() => ServiceResource.FetchAsync(created.Sid, client: Twilio)), 404, 20404);
    }

    [Test]
    public async Task Create_WithoutUniqueName_Is400()
    {
        var response = await SendAsync(Http, HttpMethod.Post, "Services", [new("FriendlyName", "nameless")]);

        AssertErrorBody(response, 400, 20001);
    }
}
