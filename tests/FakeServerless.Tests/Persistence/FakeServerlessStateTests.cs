using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Twilio.Clients;
using Twilio.Http;
using Twilio.Rest.Serverless.V1;

namespace FakeServerless.Tests.Persistence;

/// <summary>Export and import of the whole state: what it holds, its JSON, and what it refuses.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class FakeServerlessStateTests
{
    [Test]
    public void ToJson_SeededAccount_WritesVersionedSnakeCaseJson()
    {
        using var fake = FakeServerlessServer.StartInMemory();
        fake.Seed().ServiceLiveIn("staging");

        using var json = JsonDocument.Parse(fake.ExportState().ToJson());

        var root = json.RootElement;
        Assert.That(root.GetProperty("version").GetInt32(), Is.EqualTo(1));
        Assert.That(root.GetProperty("sid_generator_position").GetUInt64(), Is.GreaterThan(0UL));
        var service = root.GetProperty("accounts")[0].GetProperty("services").GetProperty("items")[0];
        Assert.That(service.GetProperty("service").GetProperty("domain_base").GetString(), Does.Match("-[0-9]{4}$"));
        Assert.That(service.GetProperty("builds").GetProperty("items")[0].GetProperty("outcome").GetString(), Is.EqualTo("Completed"));
        Assert.That(root.GetProperty("domains")[0].GetProperty("domain_name").GetString(), Does.EndWith(".twil.io"));
    }

    [Test]
    public void ImportState_VirtualClock_RestoresItsTimeEvenBackwards()
    {
        var exported = new DateTimeOffset(2027, 5, 1, 9, 30, 0, TimeSpan.Zero);
        using var original = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { TimeProvider = new VirtualClock(exported) });
        original.Account().CreateService("shop");
        var state = original.ExportState();
        var later = new VirtualClock(exported.AddDays(3));
        using var restored = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { TimeProvider = later });

        restored.ImportState(state);

        Assert.That(state.VirtualClockTime, Is.EqualTo(exported));
        Assert.That(later.GetUtcNow(), Is.EqualTo(exported));
        Assert.That(restored.ExportState().ToJson(), Is.EqualTo(state.ToJson()));
        Assert.That(restored.Account().CreateService("next").DateCreated, Is.EqualTo(exported));
    }

    [Test]
    public void ImportState_VirtualClockTimeIntoAnotherClock_LeavesThatClockAlone()
    {
        using var original = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { TimeProvider = new VirtualClock(new DateTimeOffset(2027, 5, 1, 0, 0, 0, TimeSpan.Zero)) });
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var restored = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { TimeProvider = time });

        restored.ImportState(original.ExportState());

        Assert.That(time.GetUtcNow(), Is.EqualTo(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.That(restored.ExportState().VirtualClockTime, Is.Null);
    }

    [Test]
    public void ImportState_PendingFailuresAndPollCounters_CarryOver()
    {
        var options = new FakeServerlessOptions { BuildCompletion = BuildCompletion.AfterPolls(3) };
        using var original = FakeServerlessServer.StartInMemory(options);
        var account = original.Account();
        var service = account.CreateService("shop");
        var function = account.CreateFunction(service.Sid, "f");
        var version = account.CreateFunctionVersion(service.Sid, function.Sid, "/f", "x");
        var build = account.CreateBuild(service.Sid, [version.Sid]);
        original.FailNextBuild();
        Poll(original, service.Sid, build.Sid, times: 2);

        using var restored = FakeServerlessServer.StartInMemory(options);
        restored.ImportState(FakeServerlessState.FromJson(original.ExportState().ToJson()));

        Assert.That(Poll(restored, service.Sid, build.Sid, times: 1), Is.EqualTo("completed"), "the third read finishes it: two were counted before the export");
        var next = restored.Account().CreateBuild(service.Sid, [version.Sid]);
        Assert.That(Poll(restored, service.Sid, next.Sid, times: 3), Is.EqualTo("failed"), "the pending failure carried over");
    }

    [Test]
    public void ImportState_OtherVersion_ThrowsAndKeepsState()
    {
        using var fake = FakeServerlessServer.StartInMemory();
        fake.Account().CreateService("keep");
        var export = fake.ExportState();
        var future = new FakeServerlessState
        {
            Version = 2,
            SidGeneratorPosition = export.SidGeneratorPosition,
            PendingBuildFailures = 0,
            Accounts = [],
            DomainBases = [],
            Domains = [],
        };

        var error = Assert.Throws<ArgumentException>(() => fake.ImportState(future));

        Assert.That(error!.Message, Does.Contain("version 2"));
        Assert.That(fake.Snapshot().Services.Single().UniqueName, Is.EqualTo("keep"));
    }

    [Test]
    public void ImportState_DomainsThatDoNotMatchTheEnvironments_Throws()
    {
        using var fake = FakeServerlessServer.StartInMemory();
        var service = fake.Account().CreateService("shop");
        fake.Account().CreateEnvironment(service.Sid, "dev", "dev");
        var export = fake.ExportState();
        var forged = new FakeServerlessState
        {
            Version = export.Version,
            SidGeneratorPosition = export.SidGeneratorPosition,
            PendingBuildFailures = 0,
            Accounts = export.Accounts,
            DomainBases = export.DomainBases,
            Domains = [new ExportedDomain { DomainName = "elsewhere.twil.io", AccountSid = "AC1", ServiceSid = "ZS1", EnvironmentSid = "ZE1" }],
        };

        var error = Assert.Throws<ArgumentException>(() => fake.ImportState(forged));

        Assert.That(error!.Message, Does.Contain("domains[0]").And.Contain("does not match the environment"));
    }

    [TestCase("not json")]
    [TestCase("{\"version\":1}")]
    public void FromJson_NotAState_ThrowsArgumentException(string json)
    {
        Assert.Throws<ArgumentException>(() => FakeServerlessState.FromJson(json));
    }

    [Test]
    public void ExportImport_OneHundredThousandDeployments_RoundTripsIdentically()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var fake = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { TimeProvider = clock });
        var account = fake.Account();
        var service = account.CreateService("big");
        var environment = account.CreateEnvironment(service.Sid, "prod");
        var asset = account.CreateAsset(service.Sid, "a");
        var version = account.CreateAssetVersion(service.Sid, asset.Sid, "/a.txt", "a"u8.ToArray());
        var builds = new[] { account.CreateBuild(service.Sid, assetVersionSids: [version.Sid]), account.CreateBuild(service.Sid, assetVersionSids: [version.Sid]) };
        for (var i = 0; i < 100_000; i++)
        {
            account.Deploy(service.Sid, environment.Sid, builds[i % 2].Sid);
        }

        var export = FakeServerlessState.FromJson(fake.ExportState().ToJson());
        using var copy = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { TimeProvider = clock });
        copy.ImportState(export);

        Assert.That(copy.Snapshot().Deployments, Has.Count.EqualTo(100_000));
        Assert.That(copy.ExportState().ToJson(), Is.EqualTo(export.ToJson()));
    }

    [Test]
    public async Task ImportState_ApiKeys_RoundTripAndKeepAuthenticating()
    {
        const string other = "AC0000000000000000000000000000000b";
        using var original = FakeServerlessServer.StartInMemory();
        original.Account().CreateService("shop");
        var key = original.CreateApiKey();
        var otherKey = original.CreateApiKey(other);
        var json = original.ExportState().ToJson();

        using var restored = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { RequireExactCredentials = true });
        restored.ImportState(FakeServerlessState.FromJson(json));
        var twilio = new TwilioRestClient(otherKey.Sid, otherKey.Secret, accountSid: other, httpClient: new SystemNetHttpClient(restored.CreateHttpClient()));
        await ServiceResource.CreateAsync(uniqueName: "keyed", friendlyName: "Keyed", client: twilio);

        Assert.That(restored.ExportState().ApiKeys, Is.EqualTo(new[] { key, otherKey }));
        Assert.That(restored.Snapshot(other).Services.Single().UniqueName, Is.EqualTo("keyed"));
        Assert.That(new[] { key.Sid, otherKey.Sid }, Does.Not.Contain(restored.CreateApiKey().Sid), "a new key never repeats an imported one");
        using var again = FakeServerlessServer.StartInMemory();
        again.ImportState(FakeServerlessState.FromJson(json));
        Assert.That(again.ExportState().ToJson(), Is.EqualTo(json), "export, import, export: identical with keys");
    }

    [Test]
    public void ImportState_StateWithoutKeys_ImportsNoneAndRevokesTheReplacedOnes()
    {
        using var fake = FakeServerlessServer.StartInMemory();
        var old = fake.CreateApiKey();
        var legacy = System.Text.Json.Nodes.JsonNode.Parse(fake.ExportState().ToJson())!.AsObject();
        legacy.Remove("api_keys");
        legacy.Remove("revoked_api_keys");
        legacy["api_key_generator_position"] = 12345; // written by older versions: read and ignored

        using var restored = FakeServerlessServer.StartInMemory();
        restored.ImportState(FakeServerlessState.FromJson(legacy.ToJsonString()));
        fake.ImportState(FakeServerlessState.FromJson(legacy.ToJsonString()));

        Assert.That(restored.ExportState().ApiKeys, Is.Empty);
        Assert.That(fake.ExportState().ApiKeys, Is.Empty);
        Assert.That(fake.ExportState().RevokedApiKeys, Is.EqualTo(new[] { old.Sid }), "the replaced state's key is refused from now on");
    }

    [TestCase("SKnope", "AC0000000000000000000000000000000b", "secret")]
    [TestCase("SK0123456789abcdef0123456789abcdef", "nope", "secret")]
    [TestCase("SK0123456789abcdef0123456789abcdef", "AC0000000000000000000000000000000b", "")]
    public void ImportState_MalformedKey_ThrowsAndKeepsState(string sid, string accountSid, string secret)
    {
        using var fake = FakeServerlessServer.StartInMemory();
        var kept = fake.CreateApiKey();
        var export = fake.ExportState();
        var forged = new FakeServerlessState
        {
            Version = export.Version,
            SidGeneratorPosition = export.SidGeneratorPosition,
            PendingBuildFailures = 0,
            Accounts = [],
            DomainBases = [],
            Domains = [],
            ApiKeys = [new ApiKey(sid, secret, accountSid)],
        };

        var error = Assert.Throws<ArgumentException>(() => fake.ImportState(forged));

        Assert.That(error!.Message, Does.StartWith("The state is not valid at api_keys[0]."));
        Assert.That(fake.ExportState().ApiKeys, Is.EqualTo(new[] { kept }));
    }

    [Test]
    public void Reset_ForgetsKeysInTheExportAndRevokesThem()
    {
        using var fake = FakeServerlessServer.StartInMemory();
        var first = fake.CreateApiKey();

        fake.Reset();

        Assert.That(fake.ExportState().ApiKeys, Is.Empty);
        Assert.That(fake.ExportState().RevokedApiKeys, Is.EqualTo(new[] { first.Sid }), "the old key stays refused");
        Assert.That(fake.CreateApiKey().Sid, Is.Not.EqualTo(first.Sid), "keys never repeat, even across a reset");
    }

    private static string Poll(FakeServerlessServer fake, string serviceSid, string buildSid, int times)
    {
        using var client = fake.CreateHttpClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{fake.AccountSid}:{fake.AuthToken}")));
        var status = string.Empty;
        for (var i = 0; i < times; i++)
        {
            var body = client.GetStringAsync(new Uri($"https://serverless.twilio.com/v1/Services/{serviceSid}/Builds/{buildSid}/Status")).GetAwaiter().GetResult();
            status = JsonDocument.Parse(body).RootElement.GetProperty("status").GetString()!;
        }

        return status;
    }
}
