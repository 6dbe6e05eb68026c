using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace FakeServerless.FluentAssertions.Tests.Support;

/// <summary>
/// A fresh in-memory fake per test with a fixed seed and a <see cref="FakeTimeProvider"/> starting at 2026-01-01T10:00:00Z, so
/// SIDs and dates are deterministic and failure messages can be pinned in full. Every seeding step moves the clock one minute.
/// With <c>FAKESERVERLESS_URL</c> set, the same tests run against that fake (started with <c>--clock virtual</c>, tests one at a
/// time): each test first gives it the state of that fresh fake, clock and SID generator included, and moves its clock too.
/// </summary>
[Parallelizable(ParallelScope.All)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public abstract class AssertionTestBase : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    // A fresh fake's state: empty, SIDs from seed 42, a virtual clock at Start.
    private static readonly Lazy<FakeServerlessState> Pristine = new(() =>
    {
        using var fresh = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { Seed = 42, TimeProvider = new VirtualClock(Start) });
        return fresh.ExportState();
    });

    private HttpClient? _http;

    protected AssertionTestBase()
    {
        Fake = FakeServerlessServer.ConnectFromEnvironment() is { } remote
            ? Fresh(remote)
            : FakeServerlessServer.StartInMemory(new FakeServerlessOptions { Seed = 42, TimeProvider = Clock });
    }

    protected FakeTimeProvider Clock { get; } = new(Start);

    protected FakeServerlessServer Fake { get; }

    protected FakeServerlessAccount Account => Fake.Account();

    /// <summary>A raw client with the fake's credentials and base address https://serverless.twilio.com.</summary>
    protected HttpClient Http => _http ??= CreateHttp();

    protected ServiceRecord CreateService(string uniqueName = "shop") => Step(() => Account.CreateService(uniqueName));

    /// <summary>Creates an environment whose domain suffix is its unique name (two environments cannot share a domain).</summary>
    protected EnvironmentRecord CreateEnvironment(ServiceRecord service, string uniqueName) =>
        Step(() => Account.CreateEnvironment(service.Sid, uniqueName, uniqueName));

    /// <summary>A build with one function version, completed (Immediate completion finishes it on the first look).</summary>
    protected BuildRecord CreateBuild(ServiceRecord service, string path = "/hello") => Step(() =>
    {
        var function = Account.CreateFunction(service.Sid, path.TrimStart('/'));
        var version = Account.CreateFunctionVersion(service.Sid, function.Sid, path, "exports.handler = (c, e, cb) => cb(null, 'hi');");
        var build = Account.CreateBuild(service.Sid, [version.Sid]);
        return Fake.Snapshot().Build(build.Sid)!;
    });

    protected DeploymentRecord Deploy(EnvironmentRecord environment, BuildRecord build) =>
        Step(() => Account.Deploy(environment.ServiceSid, environment.Sid, build.Sid));

    protected DeploymentRecord Clear(EnvironmentRecord environment) =>
        Step(() => Account.Deploy(environment.ServiceSid, environment.Sid, null));

    /// <summary>Sends a form-encoded request through the fake's HTTP pipeline, so it is journaled.</summary>
    protected async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, params (string Name, string Value)[] form)
    {
        using var request = new HttpRequestMessage(method, path);
        if (form.Length > 0)
        {
            request.Content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        }

        Advance();
        return await Http.SendAsync(request);
    }

    protected Task<HttpResponseMessage> PostAsync(string path, params (string Name, string Value)[] form) => SendAsync(HttpMethod.Post, path, form);

    protected Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path);

    /// <summary>
    /// Seeds a service, an environment and a function version from C# (not journaled), then builds and deploys over HTTP, so the
    /// journal holds exactly CreateBuild, FetchBuildStatus and CreateDeployment.
    /// </summary>
    protected async Task<HttpDeploy> DeployOverHttpAsync()
    {
        var service = CreateService();
        var environment = CreateEnvironment(service, "dev-environment");
        var function = Account.CreateFunction(service.Sid, "hello");
        var version = Account.CreateFunctionVersion(service.Sid, function.Sid, "/hello", "exports.handler = (c, e, cb) => cb(null, 'hi');");
        var build = await SidOf(PostAsync($"/v1/Services/{service.Sid}/Builds", ("FunctionVersions", version.Sid)));
        (await GetAsync($"/v1/Services/{service.Sid}/Builds/{build}/Status")).EnsureSuccessStatusCode();
        var deployment = await SidOf(PostAsync($"/v1/Services/{service.Sid}/Environments/{environment.Sid}/Deployments", ("BuildSid", build)));
        return new HttpDeploy(service, environment, version.Sid, build, deployment);
    }

    protected static async Task<string> SidOf(Task<HttpResponseMessage> response)
    {
        using var answer = await response;
        var body = await answer.Content.ReadAsStringAsync();
        answer.EnsureSuccessStatusCode();
        return JsonDocument.Parse(body).RootElement.GetProperty("sid").GetString()!;
    }

    public void Dispose()
    {
        Fake.Dispose();
        GC.SuppressFinalize(this);
    }

    private T Step<T>(Func<T> action)
    {
        Advance();
        return action();
    }

    private void Advance()
    {
        Clock.Advance(TimeSpan.FromMinutes(1));
        if (Fake.IsRemote)
        {
            ((VirtualClock)Fake.Options.TimeProvider).Advance(TimeSpan.FromMinutes(1));
        }
    }

    private static FakeServerlessServer Fresh(FakeServerlessServer remote)
    {
        remote.Reset();
        remote.ImportState(Pristine.Value);
        return remote;
    }

    private HttpClient CreateHttp()
    {
        var client = Fake.CreateHttpClient();
        client.BaseAddress = new Uri("https://serverless.twilio.com");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Fake.AccountSid}:{Fake.AuthToken}")));
        return client;
    }
}
