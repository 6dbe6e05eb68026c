// Deploys one function to a Twilio Serverless service, then clears the environment again: service -> environment ->
// function -> version upload -> build -> deployment -> clear. Credentials from TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or
// TWILIO_API_KEY and TWILIO_API_SECRET). Nothing here knows about a fake: the proxy and trusted CA come from the environment.
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Twilio;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Build;
using Twilio.Rest.Serverless.V1.Service.Environment;

var accountSid = Environment.GetEnvironmentVariable("TWILIO_ACCOUNT_SID") ?? throw new InvalidOperationException("Set TWILIO_ACCOUNT_SID.");
var apiKey = Environment.GetEnvironmentVariable("TWILIO_API_KEY");
var user = apiKey ?? accountSid;
var password = (apiKey is null ? Environment.GetEnvironmentVariable("TWILIO_AUTH_TOKEN") : Environment.GetEnvironmentVariable("TWILIO_API_SECRET"))
    ?? throw new InvalidOperationException("Set TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET).");
if (apiKey is null)
{
    TwilioClient.Init(accountSid, password);
}
else
{
    TwilioClient.Init(apiKey, password, accountSid);
}

var name = args.Length > 0 ? args[0] : "proxy-client";
var service = await ServiceResource.CreateAsync(uniqueName: name, friendlyName: name);
var environment = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "production");
var function = await FunctionResource.CreateAsync(service.Sid, friendlyName: "hello");

// The SDK has no upload call: uploads are multipart POSTs to serverless-upload.twilio.com, as every deploy tool sends them.
using var http = new HttpClient();
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
using var upload = new MultipartFormDataContent
{
    { new StringContent("/hello"), "Path" },
    { new StringContent("public"), "Visibility" },
};
var code = new ByteArrayContent("exports.handler = (context, event, callback) => callback(null, 'hello');"u8.ToArray());
code.Headers.ContentType = new MediaTypeHeaderValue("application/javascript");
upload.Add(code, "Content", "hello.js");
using var uploaded = await http.PostAsync($"https://serverless-upload.twilio.com/v1/Services/{service.Sid}/Functions/{function.Sid}/Versions", upload);
var uploadedBody = await uploaded.Content.ReadAsStringAsync();
if (!uploaded.IsSuccessStatusCode)
{
    Console.Error.WriteLine($"upload failed: {(int)uploaded.StatusCode} {uploadedBody}");
    return 1;
}

var versionSid = JsonDocument.Parse(uploadedBody).RootElement.GetProperty("sid").GetString()!;
var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [versionSid]);
for (var polls = 0; (await BuildStatusResource.FetchAsync(service.Sid, build.Sid)).Status != BuildStatusResource.StatusEnum.Completed; polls++)
{
    if (polls == 30)
    {
        Console.Error.WriteLine($"build {build.Sid} did not complete");
        return 1;
    }

    await Task.Delay(1000);
}

var deployment = await DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid);
using var live = await http.GetAsync($"https://{environment.DomainName}/hello");
var cleared = await DeploymentResource.CreateAsync(service.Sid, environment.Sid);

Console.WriteLine($"service {service.Sid} {service.Url}");
Console.WriteLine($"version {versionSid}");
Console.WriteLine($"deployed {deployment.Sid} build {deployment.BuildSid}");
Console.WriteLine($"live {(int)live.StatusCode} {await live.Content.ReadAsStringAsync()}");
Console.WriteLine($"cleared {cleared.Sid} build {cleared.BuildSid ?? "none"}");
return 0;
