// Walks a Twilio Serverless deployment through its whole lifecycle against FakeServerless, narrating each step:
// service -> environment -> function -> upload (raw multipart) -> build -> poll status -> deploy -> call the function on its
// domain (its own code runs, on Node.js) -> redeploy -> promote to production -> clear staging -> check the environment, the
// deployment list and both domains. Needs Node.js 18+ with npm (the fake runs deployed functions with @twilio/runtime-handler).
// Exit code: 0 when every expectation held, 1 when one failed, 2 on an unexpected error.
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FakeServerless;
using FakeServerless.Examples.Lifecycle;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Build;
using Twilio.Rest.Serverless.V1.Service.Environment;
using SystemHttpClient = System.Net.Http.HttpClient;

var narrator = new Narrator(Console.Out);
try
{
    await using var fake = FakeServerlessServer.Start(o =>
    {
        o.BuildCompletion = BuildCompletion.AfterPolls(3);
        o.FunctionRuntime = FunctionRuntime.Node; // deployed code runs: the answers below are the function's own
    });
    narrator.Step($"Fake Twilio Serverless API listening on {fake.Url} (account {fake.AccountSid})");

    // The one line that points the Twilio SDK at the fake.
    var twilio = new TwilioRestClient(fake.AccountSid, fake.AuthToken, httpClient: new SystemNetHttpClient(fake.CreateHttpClient()));
    using var http = fake.CreateHttpClient();
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
        "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{fake.AccountSid}:{fake.AuthToken}")));

    narrator.Step("Create a service");
    var service = await ServiceResource.CreateAsync(uniqueName: "lifecycle-demo", friendlyName: "Lifecycle demo", client: twilio);
    narrator.Info($"{service.Sid} unique_name={service.UniqueName}");
    narrator.Expect(service.Sid.StartsWith("ZS", StringComparison.Ordinal), "the service SID starts with ZS");

    narrator.Step("Create the staging environment");
    var environment = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "staging", domainSuffix: "stage", client: twilio);
    narrator.Info($"{environment.Sid} domain={environment.DomainName}");
    narrator.Expect(environment.BuildSid is null, "a new environment has no build");

    narrator.Step("Create a function");
    var function = await FunctionResource.CreateAsync(service.Sid, friendlyName: "hello", client: twilio);
    narrator.Info($"{function.Sid} friendly_name={function.FriendlyName}");

    narrator.Step("Upload a function version (multipart POST to serverless-upload.twilio.com, as the SDK cannot)");
    var versionSid = await UploadAsync("""
        exports.handler = (context, event, callback) => {
          console.log(`hello called on ${context.DOMAIN_NAME}`);
          callback(null, 'Hello!');
        };
        """);
    narrator.Info($"version {versionSid} path=/hello");

    narrator.Step("Create a build of that version");
    var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [versionSid], client: twilio);
    narrator.Info($"{build.Sid} status={build.Status}");
    narrator.Expect(build.Status == BuildResource.StatusEnum.Building, "a new build is building");

    narrator.Step("Poll the build status until it completes (the fake installs @twilio/runtime-handler the first time)");
    var status = await PollAsync(build.Sid);
    narrator.Expect(status == BuildStatusResource.StatusEnum.Completed, "the build completed (on the third poll at the earliest, as configured)");

    narrator.Step("Deploy the build to staging");
    var deployment = await DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid, client: twilio);
    narrator.Info($"{deployment.Sid} build_sid={deployment.BuildSid}");
    narrator.Expect(deployment.BuildSid == build.Sid, "the deployment names the build");

    narrator.Step($"Call the function on its domain: GET https://{environment.DomainName}/hello");
    narrator.Expect(await CallAsync(environment.DomainName) == "200 Hello!", "the deployed code answers 200 Hello!");

    narrator.Step("Redeploy: upload a new version, build it, deploy it to staging");
    var secondVersion = await UploadAsync("exports.handler = (context, event, callback) => callback(null, 'Hello again!');");
    var secondBuild = await BuildResource.CreateAsync(service.Sid, functionVersions: [secondVersion], client: twilio);
    narrator.Expect(await PollAsync(secondBuild.Sid) == BuildStatusResource.StatusEnum.Completed, "the second build completed");
    await DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: secondBuild.Sid, client: twilio);
    narrator.Expect(await CallAsync(environment.DomainName) == "200 Hello again!", "staging now answers from the second build");

    narrator.Step("Promote: deploy the same build to a production environment");
    var production = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "production", domainSuffix: "prod", client: twilio);
    await DeploymentResource.CreateAsync(service.Sid, production.Sid, buildSid: secondBuild.Sid, client: twilio);
    narrator.Expect(await CallAsync(production.DomainName) == "200 Hello again!", "production answers from the promoted build");

    narrator.Step("Clear staging (a deployment without BuildSid)");
    var clearing = await DeploymentResource.CreateAsync(service.Sid, environment.Sid, client: twilio);
    narrator.Info($"{clearing.Sid} build_sid={clearing.BuildSid ?? "null"}");
    narrator.Expect(clearing.BuildSid is null, "the clearing deployment has no build");

    narrator.Step("Fetch the environment");
    var fetched = await EnvironmentResource.FetchAsync(service.Sid, environment.Sid, client: twilio);
    narrator.Info($"build_sid={fetched.BuildSid ?? "null"}");
    narrator.Expect(fetched.BuildSid is null, "the environment's build_sid is null");

    narrator.Step("List the environment's deployments");
    var deployments = (await DeploymentResource.ReadAsync(service.Sid, environment.Sid, client: twilio)).ToList();
    deployments.ForEach(d => narrator.Info($"{d.Sid} build_sid={d.BuildSid ?? "null"}"));
    narrator.Expect(deployments.Count == 1 && deployments[0].Sid == clearing.Sid, "only the clearing deployment is left");

    narrator.Step($"Call the function again on both domains");
    narrator.Expect(await CallAsync(environment.DomainName) == "404", "the cleared staging domain answers 404");
    narrator.Expect(await CallAsync(production.DomainName) == "200 Hello again!", "production still answers");

    narrator.Step("What the fake saw");
    foreach (var entry in fake.Journal.Entries)
    {
        narrator.Info(entry.ToString());
    }

    var logs = fake.Snapshot().Logs;
    narrator.Expect(logs.Any(l => l.Message == $"hello called on {environment.DomainName}"), "the function's console.log became a Log record");

    async Task<string> UploadAsync(string source)
    {
        using var upload = new MultipartFormDataContent
        {
            { new StringContent("/hello"), "Path" },
            { new StringContent("public"), "Visibility" },
        };
        var code = new ByteArrayContent(Encoding.UTF8.GetBytes(source));
        code.Headers.ContentType = new MediaTypeHeaderValue("application/javascript");
        upload.Add(code, "Content", "hello.js");
        using var uploaded = await http.PostAsync(
            new Uri($"https://serverless-upload.twilio.com/v1/Services/{service.Sid}/Functions/{function.Sid}/Versions"), upload);
        var uploadBody = await uploaded.Content.ReadAsStringAsync();
        narrator.Expect(uploaded.StatusCode == HttpStatusCode.Created, $"the upload answers 201 (got {(int)uploaded.StatusCode})");
        return JsonDocument.Parse(uploadBody).RootElement.GetProperty("sid").GetString()!;
    }

    async Task<BuildStatusResource.StatusEnum> PollAsync(string buildSid)
    {
        var polled = BuildStatusResource.StatusEnum.Building;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var poll = 1; polled == BuildStatusResource.StatusEnum.Building && watch.Elapsed < TimeSpan.FromMinutes(5); poll++)
        {
            polled = (await BuildStatusResource.FetchAsync(service.Sid, buildSid, client: twilio)).Status;
            if (poll <= 3 || polled != BuildStatusResource.StatusEnum.Building)
            {
                narrator.Info($"poll {poll}: {polled}");
            }

            if (polled == BuildStatusResource.StatusEnum.Building)
            {
                await Task.Delay(200);
            }
        }

        return polled;
    }

    async Task<string> CallAsync(string domain)
    {
        using var live = await http.GetAsync(new Uri($"https://{domain}/hello"));
        var body = await live.Content.ReadAsStringAsync();
        var seen = live.StatusCode == HttpStatusCode.OK ? $"200 {body}" : ((int)live.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        narrator.Info($"GET https://{domain}/hello -> {seen}");
        return seen;
    }
}
catch (Exception ex)
{
    Console.Error.WriteLine($"Unexpected error: {ex}");
    return 2;
}

Console.WriteLine();
Console.WriteLine(narrator.Failures == 0 ? "Every step held." : $"{narrator.Failures} expectation(s) failed.");
return narrator.Failures == 0 ? 0 : 1;
