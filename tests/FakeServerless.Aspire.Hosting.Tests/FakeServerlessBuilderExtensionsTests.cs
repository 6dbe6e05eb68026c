using System.Net;
using System.Net.Http.Headers;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FakeServerless.Aspire.Hosting.Tests;

/// <summary>
/// The example app host, started once: "twilio" (the container image) with "deployer", and "twilio-local" (the CLI as an
/// executable, control token, proxy) with "deployer-proxy". Each deployer creates a service, uploads a function, builds and deploys
/// through the Twilio SDK with what <c>WithReference</c> gave it, then exits; the tests read the fake's state.
/// </summary>
[Category("Docker")]
public sealed class FakeServerlessBuilderExtensionsTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private const string ControlToken = "aspire-test-control-token";

    private DistributedApplication _app = null!;

    [OneTimeSetUp]
    public async Task StartAppHost()
    {
        var image = await DockerCli.ImageIdAsync(FakeServerlessBuilderExtensions.DefaultImage + ":" + FakeServerlessBuilderExtensions.DefaultTag);
        if (image.ExitCode != 0)
        {
            Assert.Fail($"These tests need Docker and the image fake-serverless:local (build/container.sh; .ci/run builds it): {image.Output}");
        }

        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.FakeServerless_Examples_Aspire_AppHost>();
        appHost.Configuration["Parameters:fake-control-token"] = ControlToken;
        _app = await appHost.BuildAsync();
        using var cancel = new CancellationTokenSource(StartTimeout);
        await _app.StartAsync(cancel.Token);
    }

    [OneTimeTearDown]
    public async Task StopAppHost()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Test]
    public async Task AddFakeServerless_ContainerAndReferencingProject_ProjectDeploysAndBuildIsLive()
    {
        var deployer = await WaitUntilFinishedAsync("deployer");

        var state = await StateAsync("twilio", controlToken: null);

        Assert.That(deployer.ExitCode, Is.EqualTo(0), await LogsAsync("deployer"));
        Assert.That(LiveBuild(state), Is.Not.Null, "the deployer's build is live in production");
    }

    [Test]
    public async Task AddFakeServerlessExecutable_ControlTokenAndProxy_ProjectDeploysThroughTheProxy()
    {
        var deployer = await WaitUntilFinishedAsync("deployer-proxy");
        using var http = new HttpClient { BaseAddress = _app.GetEndpoint("twilio-local", "http") };
        using var anonymous = await http.GetAsync("/_fake/health");

        var state = await StateAsync("twilio-local", ControlToken);

        Assert.That(deployer.ExitCode, Is.EqualTo(0), await LogsAsync("deployer-proxy"));
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the control token is on");
        Assert.That(LiveBuild(state), Is.Not.Null, "the deployer's build is live in production");
    }

    [Test]
    public async Task AddFakeServerless_Running_HealthyWithTheDashboardAmongItsUrls()
    {
        var twilio = await _app.ResourceNotifications.WaitForResourceHealthyAsync("twilio").WaitAsync(StartTimeout);

        var dashboard = twilio.Snapshot.Urls.SingleOrDefault(u => u.DisplayProperties.DisplayName == "Dashboard");

        Assert.That(dashboard, Is.Not.Null, string.Join(", ", twilio.Snapshot.Urls.Select(u => $"{u.DisplayProperties.DisplayName} {u.Url}")));
        Assert.That(dashboard!.Url, Is.EqualTo(new Uri(_app.GetEndpoint("twilio", "http"), "/_fake/").ToString()));
    }

    private async Task<CustomResourceSnapshot> WaitUntilFinishedAsync(string resource)
    {
        var finished = await _app.ResourceNotifications
            .WaitForResourceAsync(resource, e => KnownResourceStates.TerminalStates.Contains(e.Snapshot.State?.Text))
            .WaitAsync(StartTimeout);
        return finished.Snapshot;
    }

    /// <summary>What <paramref name="resource"/> printed, for a failure's message.</summary>
    private async Task<string> LogsAsync(string resource)
    {
        var lines = new List<string>();
        await foreach (var batch in _app.Services.GetRequiredService<ResourceLoggerService>().GetAllAsync(resource))
        {
            lines.AddRange(batch.Select(line => line.Content));
        }

        return $"{resource} printed:\n" + string.Join('\n', lines);
    }

    private async Task<FakeServerlessState> StateAsync(string resource, string? controlToken)
    {
        await using var fake = FakeServerlessServer.Connect(_app.GetEndpoint(resource, "http"), controlToken);
        return await fake.ExportStateAsync();
    }

    private static string? LiveBuild(FakeServerlessState state) =>
        state.Accounts.SelectMany(a => a.Services.Items).Single(s => s.Service.UniqueName == "aspire-shop")
            .Environments.Items.Single(e => e.Environment.UniqueName == "production").Environment.BuildSid;
}
