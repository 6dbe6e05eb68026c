using System.Text;
using FakeServerless.Contract.Support;
using Twilio.Rest.Serverless.V1.Service.Function;
using Twilio.Rest.Serverless.V1.Service.Function.FunctionVersion;

namespace FakeServerless.Contract.Resources;

public sealed class FunctionVersionContractTests : ContractTestBase
{
    private const string Code = "exports.handler = (context, event, callback) => callback(null, 'contract');";

    [Test]
    public async Task Upload_Returns201WithPathVisibilityAndLinks()
    {
        var service = await CreateServiceAsync();
        var function = await CreateFunctionAsync(service.Sid);

        var version = await UploadFunctionVersionAsync(service.Sid, function.Sid, "/hello", "protected", Code);

        var sid = version.GetProperty("sid").GetString();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sid, Does.Match("^ZN[0-9a-f]{32}$"));
            Assert.That(version.GetProperty("path").GetString(), Is.EqualTo("/hello"));
            Assert.That(version.GetProperty("visibility").GetString(), Is.EqualTo("protected"));
            Assert.That(version.GetProperty("function_sid").GetString(), Is.EqualTo(function.Sid));
            Assert.That(version.GetProperty("service_sid").GetString(), Is.EqualTo(service.Sid));
            Assert.That(version.GetProperty("links").GetProperty("function_version_content").GetString(),
                Is.EqualTo($"https://serverless.twilio.com/v1/Services/{service.Sid}/Functions/{function.Sid}/Versions/{sid}/Content"));
        }
    }

    [Test]
    public async Task FetchAndRead_ReturnTheVersion()
    {
        var service = await CreateServiceAsync();
        var function = await CreateFunctionAsync(service.Sid);
        var sid = (await UploadFunctionVersionAsync(service.Sid, function.Sid, "/hello", "private", Code)).GetProperty("sid").GetString()!;

        var fetched = await FunctionVersionResource.FetchAsync(service.Sid, function.Sid, sid, client: Twilio);
        var listed = await FunctionVersionResource.ReadAsync(service.Sid, function.Sid, client: Twilio);

        Assert.That((fetched.Path, fetched.Visibility), Is.EqualTo(("/hello", FunctionVersionResource.VisibilityEnum.Private)));
        Assert.That(listed.Select(v => v.Sid), Is.EqualTo(new[] { sid }));
    }

    [Test]
    public async Task FetchContent_ReturnsTheUploadedCode()
    {
        var service = await CreateServiceAsync();
        var function = await CreateFunctionAsync(service.Sid);
        var sid = (await UploadFunctionVersionAsync(service.Sid, function.Sid, "/hello", "public", Code)).GetProperty("sid").GetString()!;

        var content = await FunctionVersionContentResource.FetchAsync(service.Sid, function.Sid, sid, client: Twilio);

        Assert.That((content.Sid, content.Content), Is.EqualTo((sid, Code)));
    }

    [Test]
    public async Task Fetch_AnUnknownVersion_Is404()
    {
        var service = await CreateServiceAsync();
        var function = await CreateFunctionAsync(service.Sid);

        var error = await ApiErrorAsync(() => FunctionVersionResource.FetchAsync(service.Sid, function.Sid, "ZN00000000000000000000000000000000", client: Twilio));

        AssertError(error, 404, 20404);
    }

    [Test]
    public async Task Upload_WithoutPath_Is400()
    {
        var service = await CreateServiceAsync();
        var function = await CreateFunctionAsync(service.Sid);

        using var form = VersionForm(null, "public", Encoding.UTF8.GetBytes(Code));
        using var response = await Target.Upload.PostAsync($"Services/{service.Sid}/Functions/{function.Sid}/Versions", form);

        Assert.That((int)response.StatusCode, Is.EqualTo(400), await response.Content.ReadAsStringAsync());
    }
}
