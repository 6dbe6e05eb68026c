using FakeServerless.Contract.Support;
using Twilio.Rest.Serverless.V1.Service;

namespace FakeServerless.Contract.Resources;

public sealed class AssetContractTests : ContractTestBase
{
    [Test]
    public async Task Create_ReturnsTheAssetWithLinks()
    {
        var service = await CreateServiceAsync();

        var asset = await CreateAssetAsync(service.Sid, "style");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(asset.Sid, Does.Match("^ZH[0-9a-f]{32}$"));
            Assert.That((asset.FriendlyName, asset.ServiceSid, asset.AccountSid), Is.EqualTo(("style", service.Sid, AccountSid)));
            Assert.That(asset.Url, Is.EqualTo(new Uri($"https://serverless.twilio.com/v1/Services/{service.Sid}/Assets/{asset.Sid}")));
            Assert.That(asset.Links["asset_versions"], Is.EqualTo($"https://serverless.twilio.com/v1/Services/{service.Sid}/Assets/{asset.Sid}/Versions"));
        }
    }

    [Test]
    public async Task FetchReadUpdate_RoundTrip()
    {
        var service = await CreateServiceAsync();
        var created = await CreateAssetAsync(service.Sid, "style");

        var updated = await AssetResource.UpdateAsync(service.Sid, created.Sid, friendlyName: "renamed", client: Twilio);
        var fetched = await AssetResource.FetchAsync(service.Sid, created.Sid, client: Twilio);
        var listed = await AssetResource.ReadAsync(service.Sid, client: Twilio);

        Assert.That((updated.FriendlyName, fetched.FriendlyName), Is.EqualTo(("renamed", "renamed")));
        Assert.That(listed.Select(a => a.Sid), Is.EqualTo(new[] { created.Sid }));
    }

    [Test]
    public async Task Delete_ThenFetch_Is404()
    {
        var service = await CreateServiceAsync();
        var created = await CreateAssetAsync(service.Sid);

        Assert.That(await AssetResource.DeleteAsync(service.Sid, created.Sid, client: Twilio), Is.True);

        AssertError(await ApiErrorAsync(() => AssetResource.FetchAsync(service.Sid, created.Sid, client: Twilio)), 404, 20404);
    }
}
