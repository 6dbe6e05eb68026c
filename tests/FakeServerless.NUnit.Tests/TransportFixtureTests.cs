using System.Collections;
using System.Collections.Concurrent;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;

namespace FakeServerless.NUnit.Tests;

/// <summary>A fixture run once per transport: each fixture instance gets its own server, configured by <c>Configure()</c>.</summary>
[TestFixtureSource(nameof(Transports))]
[Parallelizable(ParallelScope.All)]
public sealed class TransportFixtureTests(FakeServerlessTransport transport) : FakeServerlessTestBase(transport)
{
    private static readonly ConcurrentDictionary<FakeServerlessTransport, FakeServerlessServer> Servers = new();

    public static IEnumerable Transports => new[] { FakeServerlessTransport.Http, FakeServerlessTransport.InMemory };

    private TwilioRestClient Twilio => new(AccountSid, AuthToken, httpClient: new SystemNetHttpClient(CreateHttpClient()));

    protected override FakeServerlessOptions Configure() =>
        new() { BuildCompletion = BuildCompletion.Manual, Transport = FakeServerlessTransport.Http, AuthToken = "configured-token" };

    [Test]
    public void Fake_TransportFromConstructor_OverridesConfigure()
    {
        Assert.That(Fake.Options.Transport, Is.EqualTo(transport));
        Assert.That(AuthToken, Is.EqualTo("configured-token"));
    }

    [Test]
    public void Fake_EachFixtureInstance_OwnServer([Range(1, 3)] int n)
    {
        var mine = Servers.GetOrAdd(transport, Fake);
        var others = Servers.Where(p => p.Key != transport).Select(p => p.Value);

        Assert.That(mine, Is.SameAs(Fake));
        Assert.That(others, Has.None.SameAs(Fake));
    }

    [Test]
    public async Task CreateBuild_ManualCompletionFromConfigure_BuildingUntilCompleted()
    {
        Account.CreateService("shop");
        var version = Account.CreateFunctionVersion("shop", Account.CreateFunction("shop", "hello").Sid, "/hello", "exports.handler = () => {}");

        var build = await BuildResource.CreateAsync("shop", functionVersions: [version.Sid], client: Twilio);
        var before = await BuildResource.FetchAsync("shop", build.Sid, client: Twilio);
        Account.CompleteBuild("shop", build.Sid);
        var after = await BuildResource.FetchAsync("shop", build.Sid, client: Twilio);

        Assert.That(before.Status, Is.EqualTo(BuildResource.StatusEnum.Building));
        Assert.That(after.Status, Is.EqualTo(BuildResource.StatusEnum.Completed));
        Assert.That(await ServiceResource.ReadAsync(client: Twilio), Has.Exactly(1).Items);
    }
}
