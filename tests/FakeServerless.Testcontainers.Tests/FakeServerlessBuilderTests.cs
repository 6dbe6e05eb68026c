using System.Net;
using System.Net.Http.Headers;
using FakeServerless.Testcontainers.Tests.Support;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;

namespace FakeServerless.Testcontainers.Tests;

[Category("Docker")]
[Parallelizable(ParallelScope.All)]
public sealed class FakeServerlessBuilderTests
{
    [Test]
    public async Task WithSeed_TwoContainersSameSeed_SameSids()
    {
        await using var first = Fakes.Builder().WithSeed(42).Build();
        await using var second = Fakes.Builder().WithSeed(42).Build();
        await Task.WhenAll(first.StartAsync(), second.StartAsync());
        using var firstHttp = first.CreateHttpClient();
        using var secondHttp = second.CreateHttpClient();

        var a = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Fakes.Twilio(first, firstHttp));
        var b = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Fakes.Twilio(second, secondHttp));

        Assert.That(b.Sid, Is.EqualTo(a.Sid));
    }

    [Test]
    public async Task WithControlToken_ControlApi_NeedsTheTokenAndTheWaitSendsIt()
    {
        await using var container = Fakes.Builder().WithControlToken("s3cret-control").Build();
        await container.StartAsync(); // the wait asks /_fake/health with the token: without it, this would never be ready
        using var http = new HttpClient { BaseAddress = container.GetBaseAddress() };

        using var anonymous = await http.GetAsync("/_fake/health");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_fake/health") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "s3cret-control") } };
        using var authorized = await http.SendAsync(request);

        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(authorized.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(container.ControlToken, Is.EqualTo("s3cret-control"));
    }

    [Test]
    public async Task WithCredentials_StrictPair_ContainerHandsOutThatPair()
    {
        const string sid = "AC0123456789abcdef0123456789abcdef";
        await using var container = Fakes.Builder().WithCredentials(sid, "a-token-of-our-own").Build();
        await container.StartAsync();
        using var http = container.CreateHttpClient();

        var service = await ServiceResource.CreateAsync(uniqueName: "mine", friendlyName: "Mine", client: Fakes.Twilio(container, http));

        Assert.That((container.AccountSid, container.AuthToken), Is.EqualTo((sid, "a-token-of-our-own")));
        Assert.That(service.AccountSid, Is.EqualTo(sid));
    }

    [Test]
    public async Task WithDataVolume_NewContainerOnTheSameVolume_KeepsTheState()
    {
        var volume = "fakeserverless-tc-" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            string sid;
            await using (var first = Fakes.Builder().WithDataVolume(volume).Build())
            {
                await first.StartAsync();
                using var http = first.CreateHttpClient();
                sid = (await ServiceResource.CreateAsync(uniqueName: "kept", friendlyName: "Kept", client: Fakes.Twilio(first, http))).Sid;
            }

            await using var second = Fakes.Builder().WithDataVolume(volume).Build();
            await second.StartAsync();
            using var again = second.CreateHttpClient();
            var fetched = await ServiceResource.FetchAsync("kept", client: Fakes.Twilio(second, again));

            Assert.That(fetched.Sid, Is.EqualTo(sid));
        }
        finally
        {
            await DockerCli.RunAsync("volume", "rm", "-f", volume);
        }
    }

    [Test]
    public async Task WithClockAndBuildCompletionAndFunctions_VirtualManual_ClockMovesAndBuildWaits()
    {
        await using var container = Fakes.Builder()
            .WithClock(FakeServerlessClock.Virtual)
            .WithBuildCompletion(BuildCompletion.Manual)
            .WithFunctions(FakeServerlessFunctions.Node)
            .Build();
        await container.StartAsync();
        using var http = container.CreateHttpClient();
        var twilio = Fakes.Twilio(container, http);
        using var control = new HttpClient { BaseAddress = container.GetBaseAddress() };

        using var moved = await control.PostAsync("/_fake/clock", new StringContent("{\"advance_seconds\":3600}", new MediaTypeHeaderValue("application/json")));
        var (service, _, versionSid) = await Fakes.UploadHelloAsync(container, http);
        var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [versionSid], client: twilio);
        var status = await BuildResource.FetchAsync(service.Sid, build.Sid, client: twilio);
        var functions = await container.ExecAsync(["printenv", "FAKESERVERLESS_FUNCTIONS"]);

        Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.OK), "a system clock answers 409");
        Assert.That(status.Status, Is.EqualTo(BuildResource.StatusEnum.Building), "manual completion: building until told");
        Assert.That(functions.Stdout.Trim(), Is.EqualTo("node"));
    }

    [Test]
    public async Task Build_WaitStrategyOfTheCaller_ReplacesTheHealthWait()
    {
        // The caller's strategy: ready as soon as it runs. A control token the health wait would have to send shows it is not used.
        await using var container = Fakes.Builder()
            .WithControlToken("t")
            .WithWaitStrategy(DotNet.Testcontainers.Builders.Wait.ForUnixContainer().UntilMessageIsLogged("Listening on"))
            .Build();

        await container.StartAsync();

        Assert.That(container.State, Is.EqualTo(DotNet.Testcontainers.Containers.TestcontainersStates.Running));
    }
}
