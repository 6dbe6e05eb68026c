using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using FakeServerless;
using Twilio.Clients;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Environment;
using HttpClient = System.Net.Http.HttpClient;

// What WithReference(fake) gave this project: the fake's URL and account, and with the proxy on HTTPS_PROXY and the CA's path.
var url = new Uri(Required("FAKESERVERLESS_URL"));
var accountSid = Required("FAKESERVERLESS_ACCOUNT_SID");
var authToken = Required("FAKESERVERLESS_AUTH_TOKEN");
var throughProxy = Environment.GetEnvironmentVariable("DEPLOY_THROUGH_PROXY") == "true";

// Either the fake's redirecting handler (Twilio's hosts to FAKESERVERLESS_URL), or plain HTTPS to Twilio's hosts through
// HTTPS_PROXY (the default proxy reads it), trusting the fake's CA.
using var http = new HttpClient(throughProxy ? ProxyHandler(Required("FAKESERVERLESS_CA_CERTIFICATE")) : FakeServerlessHandler.Create(url));
var twilio = new TwilioRestClient(accountSid, authToken, httpClient: new Twilio.Http.SystemNetHttpClient(http));

var service = await ServiceResource.CreateAsync(uniqueName: "aspire-shop", friendlyName: "Aspire shop", client: twilio);
var environment = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "production", domainSuffix: "prod", client: twilio);
var function = await FunctionResource.CreateAsync(service.Sid, friendlyName: "hello", client: twilio);

// The SDK has no call for version uploads: a multipart POST, as Twilio documents.
using var upload = new MultipartFormDataContent { { new StringContent("/hello"), "Path" }, { new StringContent("public"), "Visibility" } };
var code = new ByteArrayContent("exports.handler = (context, event, callback) => callback(null, 'Hello!');"u8.ToArray());
code.Headers.ContentType = new MediaTypeHeaderValue("application/javascript");
upload.Add(code, "Content", "hello.js");
using var request = new HttpRequestMessage(HttpMethod.Post, $"https://serverless-upload.twilio.com/v1/Services/{service.Sid}/Functions/{function.Sid}/Versions") { Content = upload };
request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{accountSid}:{authToken}")));
using var uploaded = await http.SendAsync(request);
uploaded.EnsureSuccessStatusCode();
var version = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("sid").GetString()!;

var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [version], client: twilio);
while ((await BuildResource.FetchAsync(service.Sid, build.Sid, client: twilio)).Status == BuildResource.StatusEnum.Building)
{
    await Task.Delay(200);
}

var deployment = await DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid, client: twilio);
Console.WriteLine($"Deployed {deployment.BuildSid} to {environment.DomainName} ({(throughProxy ? "through the proxy" : "through " + url)}).");

static string Required(string name) =>
    Environment.GetEnvironmentVariable(name) ?? throw new InvalidOperationException($"{name} is not set: reference the fake with WithReference(fake).");

static SocketsHttpHandler ProxyHandler(string caPath) => new()
{
    SslOptions =
    {
        CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            CustomTrustStore = { X509Certificate2.CreateFromPem(File.ReadAllText(caPath)) },
            RevocationMode = X509RevocationMode.NoCheck, // the fake's CA publishes no revocation list
        },
    },
};
