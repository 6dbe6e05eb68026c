using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FakeServerless.Testcontainers;
using Twilio.Clients;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Examples.Testcontainers;

/// <summary>A service live in "staging", with an empty "production", made through the Twilio SDK (what <c>fake.Seed().ServiceLiveIn("staging")</c> does in process).</summary>
internal static class Staging
{
    public static async Task<(ServiceResource Service, BuildResource Build)> DeployAsync(TwilioRestClient twilio, HttpClient http, FakeServerlessContainer fake)
    {
        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: twilio);
        var staging = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "staging", domainSuffix: "stage", client: twilio);
        await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "production", client: twilio);
        var asset = await AssetResource.CreateAsync(service.Sid, friendlyName: "index", client: twilio);

        // The SDK has no call for version uploads: a multipart POST, as Twilio documents.
        using var upload = new MultipartFormDataContent { { new StringContent("/index.html"), "Path" }, { new StringContent("public"), "Visibility" } };
        var content = new ByteArrayContent("<h1>Shop</h1>"u8.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("text/html");
        upload.Add(content, "Content", "index.html");
        using var request = new HttpRequestMessage(System.Net.Http.HttpMethod.Post, $"https://serverless-upload.twilio.com/v1/Services/{service.Sid}/Assets/{asset.Sid}/Versions") { Content = upload };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{fake.AccountSid}:{fake.AuthToken}")));
        using var uploaded = await http.SendAsync(request);
        uploaded.EnsureSuccessStatusCode();
        var version = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("sid").GetString()!;

        var build = await BuildResource.CreateAsync(service.Sid, assetVersions: [version], client: twilio);
        await DeploymentResource.CreateAsync(service.Sid, staging.Sid, buildSid: build.Sid, client: twilio);
        return (service, build);
    }
}
