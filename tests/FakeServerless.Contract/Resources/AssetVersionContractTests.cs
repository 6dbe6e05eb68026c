using FakeServerless.Contract.Support;
using Twilio.Rest.Serverless.V1.Service.Asset;

namespace FakeServerless.Contract.Resources;

public sealed class AssetVersionContractTests : ContractTestBase
{
    [Test]
    public async Task Upload_Returns201WithPathAndVisibility()
    {
        var service = await CreateServiceAsync();
        var asset = await CreateAssetAsync(service.Sid);

        var version = await UploadAssetVersionAsync(service.Sid, asset.Sid, "/style.css", "public");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(version.GetProperty("sid").GetString(), Does.Match("^ZN[0-9a-f]{32}$"));
            Assert.That(version.GetProperty("path").GetString(), Is.EqualTo("/style.css"));
            Assert.That(version.GetProperty("visibility").GetString(), Is.EqualTo("public"));
            Assert.That(version.GetProperty("asset_sid").GetString(), Is.EqualTo(asset.Sid));
        }
    }

    [Test]
    public async Task FetchAndRead_ReturnTheVersions_NewestFirst()
    {
        var service = await CreateServiceAsync();
        var asset = await CreateAssetAsync(service.Sid);
        var first = (await UploadAssetVersionAsync(service.Sid, asset.Sid, "/style.css")).GetProperty("sid").GetString()!;
        var second = (await UploadAssetVersionAsync(service.Sid, asset.Sid, "/style.css", "private")).GetProperty("sid").GetString()!;

        var fetched = await AssetVersionResource.FetchAsync(service.Sid, asset.Sid, second, client: Twilio);
        var listed = await AssetVersionResource.ReadAsync(service.Sid, asset.Sid, client: Twilio);

        Assert.That((fetched.Path, fetched.Visibility), Is.EqualTo(("/style.css", AssetVersionResource.VisibilityEnum.Private)));
        Assert.That(listed.Select(v => v.Sid), Is.EqualTo(new[] { second, first }));
    }
}
