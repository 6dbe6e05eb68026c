using FakeServerless.Contract.Support;
using Twilio.Rest.Serverless.V1.Service;

namespace FakeServerless.Contract.Resources;

public sealed class FunctionContractTests : ContractTestBase
{
    [Test]
    public async Task Create_ReturnsTheFunctionWithLinks()
    {
        var service = await CreateServiceAsync();

        var function = await CreateFunctionAsync(service.Sid, "hello");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(function.Sid, Does.Match("^ZH[0-9a-f]{32}$"));
            Assert.That((function.FriendlyName, function.ServiceSid, function.AccountSid), Is.EqualTo(("hello", service.Sid, AccountSid)));
            Assert.That(function.Url, Is.EqualTo(new Uri($"https://serverless.twilio.com/v1/Services/{service.Sid}/Functions/{function.Sid}")));
            Assert.That(function.Links["function_versions"], Is.EqualTo($"https://serverless.twilio.com/v1/Services/{service.Sid}/Functions/{function.Sid}/Versions"));
        }
    }

    [Test]
    public async Task FetchReadUpdate_RoundTrip()
    {
        var service = await CreateServiceAsync();
        var created = await CreateFunctionAsync(service.Sid, "hello");

        var updated = await FunctionResource.UpdateAsync(service.Sid, created.Sid, friendlyName: "renamed", client: Twilio);
        var fetched = await FunctionResource.FetchAsync(service.Sid, created.Sid, client: Twilio);
        var listed = await FunctionResource.ReadAsync(service.Sid, client: Twilio);

        Assert.That((updated.FriendlyName, fetched.FriendlyName), Is.EqualTo(("renamed", "renamed")));
        Assert.That(listed.Select(f => f.Sid), Is.EqualTo(new[] { created.Sid }));
    }

    [Test]
    public async Task Delete_ThenFetch_Is404()
    {
        var service = await CreateServiceAsync();
        var created = await CreateFunctionAsync(service.Sid);

        Assert.That(await FunctionResource.DeleteAsync(service.Sid, created.Sid, client: Twilio), Is.True);

        AssertError(await ApiErrorAsync(() => FunctionResource.FetchAsync(service.Sid, created.Sid, client: Twilio)), 404, 20404);
    }

    [Test]
    public async Task Create_WithoutFriendlyName_Is400()
    {
        var service = await CreateServiceAsync();

        AssertErrorBody(await SendAsync(Http, HttpMethod.Post, $"Services/{service.Sid}/Functions", []), 400, 20001);
    }
}
