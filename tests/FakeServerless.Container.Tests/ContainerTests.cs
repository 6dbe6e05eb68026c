using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using FakeServerless.Container.Tests.Support;
using Twilio.Exceptions;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Build;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Container.Tests;

/// <summary>The image as users run it: <c>docker run -p …</c>, the Twilio SDK through the published port, <c>docker stop</c>.</summary>
public sealed class ContainerTests
{
    [Test]
    public async Task Run_Starts_DockerReportsHealthy()
    {
        await using var fake = await FakeContainer.StartAsync();

        var status = "starting";
        var deadline = DateTime.UtcNow + FakeContainer.StartTimeout;
        while (status == "starting" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            status = await Docker.RunAsync("inspect", "-f", "{{.State.Health.Status}}", fake.Id);
        }

        var probe = await Docker.RunAsync("inspect", "-f", "{{range .State.Health.Log}}{{.ExitCode}} {{.Output}}{{end}}", fake.Id);
        Assert.That(status, Is.EqualTo("healthy"), probe);
        Assert.That(probe, Does.Contain("healthy: http://127.0.0.1:4010/_fake/health"));
    }

    [Test]
    public async Task Run_TwilioSdk_DrivesServiceEnvironmentUploadBuildDeployClear()
    {
        await using var fake = await FakeContainer.StartAsync();
        var twilio = fake.Twilio();
        using var raw = fake.Raw();

        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: twilio);
        var environment = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "staging", domainSuffix: "stage", client: twilio);
        var function = await FunctionResource.CreateAsync(service.Sid, friendlyName: "hello", client: twilio);
        using var upload = new MultipartFormDataContent { { new StringContent("/hello"), "Path" }, { new StringContent("public"), "Visibility" } };
        upload.Add(new ByteArrayContent("exports.handler = (c, e, cb) => cb(null, 'Hello!');"u8.ToArray())
        {
            Headers = { ContentType = new MediaTypeHeaderValue("application/javascript") },
        }, "Content", "hello.js");
        using var uploaded = await raw.PostAsync(new Uri($"https://serverless-upload.twilio.com/v1/Services/{service.Sid}/Functions/{function.Sid}/Versions"), upload);
        var uploadBody = await uploaded.Content.ReadAsStringAsync();
        Assert.That(uploaded.StatusCode, Is.EqualTo(HttpStatusCode.Created), uploadBody);
        var versionSid = JsonDocument.Parse(uploadBody).RootElement.GetProperty("sid").GetString()!;
        var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [versionSid], client: twilio);
        var buildStatus = await BuildStatusResource.FetchAsync(service.Sid, build.Sid, client: twilio);
        var deployment = await DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid, client: twilio);
        var deployed = await EnvironmentResource.FetchAsync(service.Sid, environment.Sid, client: twilio);
        var clearing = await DeploymentResource.CreateAsync(service.Sid, environment.Sid, client: twilio);
        var cleared = await EnvironmentResource.FetchAsync(service.Sid, environment.Sid, client: twilio);
        var deployments = (await DeploymentResource.ReadAsync(service.Sid, environment.Sid, client: twilio)).ToList();

        Assert.That(buildStatus.Status, Is.EqualTo(BuildStatusResource.StatusEnum.Completed));
        Assert.That(deployment.BuildSid, Is.EqualTo(build.Sid));
        Assert.That(deployed.BuildSid, Is.EqualTo(build.Sid));
        Assert.That(clearing.BuildSid, Is.Null);
        Assert.That(cleared.BuildSid, Is.Null);
        Assert.That(deployments.Select(d => d.Sid), Does.Contain(clearing.Sid));
        Assert.That(service.Url.ToString(), Does.StartWith(fake.Url.ToString().TrimEnd('/') + "/v1/Services/"));
        Assert.That(await fake.LogsAsync(), Does.Contain("POST /v1/Services 201 ").And.Contain($"POST /v1/Services/{service.Sid}/Environments/{environment.Sid}/Deployments 201 "));
    }

    [Test]
    public async Task Run_Process_IsNotRoot()
    {
        await using var fake = await FakeContainer.StartAsync();

        var uid = await Docker.RunAsync("exec", fake.Id, "id", "-u");
        var processUid = await Docker.RunAsync("exec", fake.Id, "sh", "-c", "awk '/^Uid:/ {print $2}' /proc/1/status");

        Assert.That(uid, Is.Not.EqualTo("0"));
        Assert.That(processUid, Is.EqualTo("1654"), "the fake itself (pid 1) runs as the image's non-root user");
    }

    [Test]
    public async Task Run_SecondContainer_IsIsolated()
    {
        await using var first = await FakeContainer.StartAsync();
        await using var second = await FakeContainer.StartAsync();

        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: first.Twilio());
        var seenBySecond = await ServiceResource.ReadAsync(client: second.Twilio());
        var fetchInSecond = Assert.ThrowsAsync<ApiException>(() => ServiceResource.FetchAsync(service.Sid, client: second.Twilio()));

        Assert.That(second.Url.Port, Is.Not.EqualTo(first.Url.Port));
        Assert.That(seenBySecond, Is.Empty);
        Assert.That(fetchInSecond!.Status, Is.EqualTo(404));
    }

    [Test]
    public async Task Run_EnvironmentVariables_ConfigureTheFakeAndAFlagWins()
    {
        const string sid = "AC0123456789abcdef0123456789abcdef";
        string[] environment = ["-e", $"FAKESERVERLESS_ACCOUNT_SID={sid}", "-e", "FAKESERVERLESS_AUTH_TOKEN=s3cret", "-e", "FAKESERVERLESS_SEED=7"];
        await using var fromEnvironment = await FakeContainer.StartAsync(environment);
        await using var withFlag = await FakeContainer.StartAsync(environment, ["--seed", "8"]);

        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: fromEnvironment.Twilio(sid, "s3cret"));

        Assert.That(service.AccountSid, Is.EqualTo(sid));
        // The image is durable (FAKESERVERLESS_DATA_DIR=/data): a new data directory keeps the seed it was created with.
        Assert.That(await fromEnvironment.LogsAsync(), Does.Contain("Data in /data (SIDs continue its own seed, 7)"));
        Assert.That(await withFlag.LogsAsync(), Does.Contain("Data in /data (SIDs continue its own seed, 8)"));
    }

    [Test]
    public async Task Run_ControlApi_AnswersOnThePublishedPortAndTheImagesNamesNotOnARebindingName()
    {
        await using var fake = await FakeContainer.StartAsync();
        using var http = new System.Net.Http.HttpClient { BaseAddress = fake.Url };

        async Task<int> Health(string host)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/_fake/health");
            request.Headers.Host = host;
            using var response = await http.SendAsync(request);
            return (int)response.StatusCode;
        }

        Assert.That(await Health($"127.0.0.1:{fake.Url.Port}"), Is.EqualTo(200));
        Assert.That(await Health($"localhost:{fake.Url.Port}"), Is.EqualTo(200));
        Assert.That(await Health("host.docker.internal:4010"), Is.EqualTo(200), "the image allows it (FAKESERVERLESS_ALLOWED_HOSTS)");
        Assert.That(await Health($"rebind.attacker.example:{fake.Url.Port}"), Is.EqualTo(403));
    }

    [Test]
    public async Task Run_ComposeServiceName_AnswersByNameOnlyWhenAllowed()
    {
        var network = "fakeserverless-" + Guid.NewGuid().ToString("N")[..8];
        await Docker.RunAsync("network", "create", network);
        try
        {
            await using var allowed = await FakeContainer.StartAsync(["--network", network, "--network-alias", "twilio-serverless", "-e", "FAKESERVERLESS_ALLOWED_HOSTS=twilio-serverless"]);
            await using var notAllowed = await FakeContainer.StartAsync(["--network", network, "--network-alias", "other-name"]);

            // Another container on the network asks each by its service name, as a compose service would (the image's own health command).
            var byAllowedName = await Docker.TryRunAsync("run", "--rm", "--network", network, Docker.Image, "health", "--url", "http://twilio-serverless:4010");
            var byOtherName = await Docker.TryRunAsync("run", "--rm", "--network", network, Docker.Image, "health", "--url", "http://other-name:4010");

            Assert.That(byAllowedName.Code, Is.Zero, byAllowedName.Out + byAllowedName.Error);
            Assert.That(byOtherName.Code, Is.EqualTo(1), byOtherName.Out + byOtherName.Error);
            Assert.That(byOtherName.Out + byOtherName.Error, Does.Contain("403"));
        }
        finally
        {
            await Docker.TryRunAsync("network", "rm", network);
        }
    }

    [Test]
    public async Task Stop_Sigterm_ExitsCleanlyBeforeDockerKills()
    {
        var fake = await FakeContainer.StartAsync();
        await using (fake)
        {
            // docker stop -t 2: SIGTERM, then SIGKILL (exit 137) after 2 seconds; a clean stop exits 0 and logs "Stopping.".
            await Docker.RunAsync("stop", "-t", "2", fake.Id);

            var exitCode = await Docker.RunAsync("inspect", "-f", "{{.State.ExitCode}}", fake.Id);
            Assert.That(exitCode, Is.EqualTo("0"), await fake.LogsAsync());
            Assert.That(await fake.LogsAsync(), Does.EndWith("Stopping."));
        }
    }

    [Test]
    public async Task Run_NamedVolume_KeepsWritesAcrossRm()
    {
        var volume = "fake-serverless-test-" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            string sid;
            await using (var first = await FakeContainer.StartAsync(["-v", $"{volume}:/data"]))
            {
                sid = (await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: first.Twilio())).Sid;
                await Docker.RunAsync("rm", "-f", first.Id);
            }

            await using var second = await FakeContainer.StartAsync(["-v", $"{volume}:/data"]);
            var fetched = await ServiceResource.FetchAsync(sid, client: second.Twilio());

            Assert.That(fetched.UniqueName, Is.EqualTo("shop"));
        }
        finally
        {
            await Docker.TryRunAsync("volume", "rm", "-f", volume);
        }
    }
}
