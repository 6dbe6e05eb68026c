using FakeServerless.Contract.Support;
using FakeServerless.Tests.Support;

namespace FakeServerless.Contract.Resources;

/// <summary>Functions and Assets, one contract: each test runs for both kinds through the kind's own SDK calls.</summary>
[TestFixture(CodeKind.Function)]
[TestFixture(CodeKind.Asset)]
public sealed class CodeContractTests(CodeKind kind) : ContractTestBase
{
    [Test]
    public async Task Create_ReturnsItWithLinks()
    {
        var service = await CreateServiceAsync();

        var created = await kind.CreateAsync(service.Sid, "hello", Twilio);

        var url = $"https://serverless.twilio.com/v1/Services/{service.Sid}/{kind.Collection()}/{created.Sid}";
        using (Assert.EnterMultipleScope())
        {
            Assert.That(created.Sid, Does.Match("^ZH[0-9a-f]{32}$"));
            Assert.That((created.FriendlyName, created.ServiceSid, created.AccountSid), Is.EqualTo(("hello", service.Sid, AccountSid)));
            Assert.That(created.Url, Is.EqualTo(new Uri(url)));
            Assert.That(created.Links[kind.VersionsLink()], Is.EqualTo($"{url}/Versions"));
        }
    }

    [Test]
    public async Task FetchReadUpdate_RoundTrip()
    {
        var service = await CreateServiceAsync();
        var created = await kind.CreateAsync(service.Sid, "hello", Twilio);

        var updated = await kind.UpdateAsync(service.Sid, created.Sid, "renamed", Twilio);
        var fetched = await kind.FetchAsync(service.Sid, created.Sid, Twilio);
        var listed = await kind.ReadAsync(service.Sid, Twilio);

        Assert.That((updated.FriendlyName, fetched.FriendlyName), Is.EqualTo(("renamed", "renamed")));
        Assert.That(listed.Select(f => f.Sid), Is.EqualTo(new[] { created.Sid }));
    }

    [Test]
    public async Task Delete_ThenFetch_Is404()
    {
        var service = await CreateServiceAsync();
        var created = await kind.CreateAsync(service.Sid, "hello", Twilio);

        Assert.That(await kind.DeleteAsync(service.Sid, created.Sid, Twilio), Is.True);

        AssertError(await ApiErrorAsync(() => kind.FetchAsync(service.Sid, created.Sid, Twilio)), 404, 20404);
    }

    [Test]
    public async Task Create_WithoutFriendlyName_Is400()
    {
        var service = await CreateServiceAsync();

        AssertErrorBody(await SendAsync(Http, HttpMethod.Post, $"Services/{service.Sid}/{kind.Collection()}", []), 400, 20001);
    }
}
