using System.Reflection;
using FakeServerless.Durability.Support;

namespace FakeServerless.Durability.Persistence;

/// <summary>
/// Every state-changing call of the C# API (the account facade, the server's keys, pending failures, import and reset, a scope's
/// reset) is logged — one row per call, so seeding N resources writes N rows — and replayed to the same state. The public methods
/// are listed by reflection: a new one fails <see cref="Samples_EveryPublicMethod_IsSampledOrKnownToChangeNothing"/> until it is
/// sampled here or named as one that changes nothing.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class CSharpApiDurabilityTests
{
    private static readonly Dictionary<string, Action<FakeServerlessServer, ApiWorld>> AccountSamples = new()
    {
        ["CreateService"] = (f, _) => f.Account().CreateService("new"),
        ["CreateEnvironment"] = (f, w) => f.Account().CreateEnvironment(w.Service, "production", "prod"),
        ["SetVariable"] = (f, w) => f.Account().SetVariable(w.Service, w.Environment, "KEY", "changed"),
        ["CreateFunction"] = (f, w) => f.Account().CreateFunction(w.Service, "second"),
        ["CreateFunctionVersion"] = (f, w) => f.Account().CreateFunctionVersion(w.Service, w.Function, "/hello", "exports.handler = () => {};"),
        ["CreateAsset"] = (f, w) => f.Account().CreateAsset(w.Service, "second"),
        ["CreateAssetVersion"] = (f, w) => f.Account().CreateAssetVersion(w.Service, w.Asset, "/logo.png", new byte[] { 0, 1, 2, 255 }, "image/png", Visibility.Protected),
        ["CreateBuild"] = (f, w) => f.Account().CreateBuild(w.Service, [w.FunctionVersion], dependencies: [new BuildDependency("twilio", "^5")]),
        ["Deploy"] = (f, w) => f.Account().Deploy(w.Service, w.Environment, w.SpareBuild),
        ["CompleteBuild"] = (f, w) => f.Account().CompleteBuild(w.Service, f.Account().CreateBuild(w.Service, [w.FunctionVersion]).Sid),
        ["FailBuild"] = (f, w) => f.Account().FailBuild(w.Service, f.Account().CreateBuild(w.Service, [w.FunctionVersion]).Sid),
        ["AppendLog"] = (f, w) => f.Account().AppendLog(w.Service, w.Environment, "again", "warn"),
    };

    private static readonly Dictionary<string, Action<FakeServerlessServer, ApiWorld>> ServerSamples = new()
    {
        ["CreateApiKey"] = (f, _) => f.CreateApiKey(),
        ["CreateApiKeyAsync"] = (f, _) => f.CreateApiKeyAsync().GetAwaiter().GetResult(),
        ["FailNextBuild"] = (f, _) => f.FailNextBuild(2),
        ["ImportState"] = (f, _) => f.ImportState(OtherState()),
        ["ImportStateAsync"] = (f, _) => f.ImportStateAsync(OtherState()).GetAwaiter().GetResult(),
        ["Reset"] = (f, _) => f.Reset(),
        ["ResetAsync"] = (f, _) => f.ResetAsync().GetAwaiter().GetResult(),
        ["CreateScope"] = (f, _) =>
        {
            using var scope = f.CreateScope("durable-scope");
            scope.Account.CreateService("scoped"); // and disposing the scope forgets its account: both logged
        },
    };

    /// <summary>Public methods of the server that change no state (or only the session: handlers, clients, the journal).</summary>
    private static readonly string[] ServerMethodsThatChangeNoState =
    [
        "Start", "StartAsync", "StartInMemory", "CreateHttpClient", "CreateHandler", "CreateSigningHttpClient", "SignDomainRequest", "Account", "Snapshot",
        "MapFunction", "BuildFailureReason", "ExportState", "Dispose", "DisposeAsync",
        "Connect", "ConnectAsync", "ConnectFromEnvironment", "ExportStateAsync", "SnapshotAsync",
    ];

    private static IEnumerable<string> AccountMethods => AccountSamples.Keys;

    private static IEnumerable<string> ServerMethods => ServerSamples.Keys;

    [Test]
    public void Samples_EveryPublicMethod_IsSampledOrKnownToChangeNothing()
    {
        Assert.That(PublicMethods(typeof(FakeServerlessAccount)), Is.EquivalentTo(AccountSamples.Keys.Append("Snapshot").Append("SnapshotAsync")));
        Assert.That(PublicMethods(typeof(FakeServerlessServer)), Is.EquivalentTo(ServerSamples.Keys.Concat(ServerMethodsThatChangeNoState)));
    }

    [TestCaseSource(nameof(AccountMethods))]
    public void Account_Method_IsLoggedThenReplayedToTheSameState(string method) => AssertLoggedAndReplayed(AccountSamples[method], method);

    [TestCaseSource(nameof(ServerMethods))]
    public void Server_Method_IsLoggedThenReplayedToTheSameState(string method) => AssertLoggedAndReplayed(ServerSamples[method], method);

    /// <summary><see cref="FakeServerlessServer.Reset(string)"/>, the overload <see cref="ServerSamples"/> cannot name apart.</summary>
    [Test]
    public void Reset_OneAccount_IsLoggedThenReplayedToTheSameState() => AssertLoggedAndReplayed((f, _) => f.Reset(f.AccountSid), "Reset(accountSid)");

    [Test]
    public void Snapshot_NothingToMoveOn_LogsNothing()
    {
        using var dir = new DataDir();
        using var fake = RouteTableDurabilityTests.Start(dir.Path);
        ApiWorld.Seed(fake);
        var rows = dir.LastSequence();

        fake.Snapshot();
        fake.Snapshot("AC" + "5555555555555555555555555555aaaa");

        Assert.That(dir.LastSequence(), Is.EqualTo(rows));
    }

    [Test]
    public void Snapshot_BuildItFinishes_IsLoggedThenReplayedToTheSameState()
    {
        using var dir = new DataDir();
        using var fake = RouteTableDurabilityTests.Start(dir.Path);
        var world = ApiWorld.Seed(fake);
        var building = fake.Account().CreateBuild(world.Service, [world.FunctionVersion]).Sid;
        var rows = dir.LastSequence();

        var snapshot = fake.Snapshot();

        Assert.That(snapshot.Build(building)!.Status, Is.EqualTo(BuildStatus.Completed), "an immediate build finishes on its first look");
        Assert.That(dir.LastSequence(), Is.EqualTo(rows + 1));
        RouteTableDurabilityTests.AssertReplaysToTheSameState(dir, fake);
    }

    [Test]
    public void ImportState_Invalid_WritesNothingAndChangesNothing()
    {
        using var dir = new DataDir();
        using var fake = RouteTableDurabilityTests.Start(dir.Path);
        ApiWorld.Seed(fake);
        var durable = dir.Durable();
        var state = fake.ExportState();
        var invalid = FakeServerlessState.FromJson(state.ToJson().Replace("\"pending_build_failures\":0", "\"pending_build_failures\":-1", StringComparison.Ordinal));

        Assert.Throws<ArgumentException>(() => fake.ImportState(invalid));

        Assert.That(dir.Durable(), Is.EqualTo(durable));
        Assert.That(fake.ExportState().ToJson(), Is.EqualTo(state.ToJson()));
    }

    [Test]
    public void ImportState_Valid_IsWrittenAsTheSnapshotAndDropsTheLog()
    {
        using var dir = new DataDir();
        using var fake = RouteTableDurabilityTests.Start(dir.Path);
        ApiWorld.Seed(fake);

        fake.ImportState(OtherState());

        Assert.That(dir.HasSnapshot(), Is.True);
        Assert.That(dir.LogRows(), Is.Zero, "the snapshot holds everything: no row is left to replay");
    }

    [Test]
    public void CreateApiKey_Replayed_AddsTheKeyItsLogRowCarries()
    {
        const string Logged = "LoggedSecretLoggedSecretLoggedSe";
        using var dir = new DataDir();
        using var fake = RouteTableDurabilityTests.Start(dir.Path);
        var key = fake.CreateApiKey();

        using var image = dir.CrashImage();
        image.Execute($"UPDATE log SET body = CAST(replace(CAST(body AS TEXT), '{key.Secret}', '{Logged}') AS BLOB)");
        using var restarted = RouteTableDurabilityTests.Start(image.Path);

        Assert.That(restarted.ExportState().ApiKeys, Is.EqualTo(new[] { key with { Secret = Logged } }), "replay adds the minted key the row carries; it does not draw one again");
    }

    [Test]
    public async Task CreateApiKey_ResetThenRestart_KeepsTheNewKeyAndRefusesTheRevokedOne()
    {
        using var dir = new DataDir();
        ApiKey kept, revoked;
        using (var fake = RouteTableDurabilityTests.Start(dir.Path))
        {
            revoked = fake.CreateApiKey();
            fake.Reset();
            kept = fake.CreateApiKey("AC0000000000000000000000000000000b");
        }

        using var restarted = RouteTableDurabilityTests.Start(dir.Path);
        using var accepted = await SendWithKeyAsync(restarted, kept);
        using var refused = await SendWithKeyAsync(restarted, revoked);

        Assert.That(restarted.ExportState().ApiKeys, Is.EqualTo(new[] { kept }), "the key is data, read back, never minted again");
        Assert.That(restarted.ExportState().RevokedApiKeys, Does.Contain(revoked.Sid));
        Assert.That((int)accepted.StatusCode, Is.EqualTo(200));
        Assert.That((int)refused.StatusCode, Is.EqualTo(401), "a key of a reset account stays refused after a restart");
    }

    [Test]
    public void Seed_ManyServicesFromCSharp_WritesOneRowEachAndNoSnapshot()
    {
        const int Services = 300;
        using var dir = new DataDir();
        using var fake = RouteTableDurabilityTests.Start(dir.Path);

        for (var i = 0; i < Services; i++)
        {
            fake.Account().CreateService($"shop-{i}");
        }

        Assert.That(dir.LogRows(), Is.EqualTo(Services), "one row per change: seeding N resources costs O(N), not a snapshot of the whole state each");
        Assert.That(dir.HasSnapshot(), Is.False);
    }

    private static void AssertLoggedAndReplayed(Action<FakeServerlessServer, ApiWorld> call, string method)
    {
        using var dir = new DataDir();
        using var fake = RouteTableDurabilityTests.Start(dir.Path);
        var world = ApiWorld.Seed(fake);
        var durable = dir.Durable();
        var state = fake.ExportState().ToJson();

        call(fake, world);

        Assert.That(dir.Durable(), Is.Not.EqualTo(durable), $"{method} wrote its change (a log row, or the imported state as the snapshot)");
        Assert.That(fake.ExportState().ToJson(), Is.Not.EqualTo(state), $"{method} changed the state (the sample must make a change)");
        var expected = fake.ExportState().ToJson();
        using var image = dir.CrashImage();
        using var restarted = RouteTableDurabilityTests.Start(image.Path);
        Assert.That(restarted.ExportState().ToJson(), Is.EqualTo(expected));
    }

    private static IEnumerable<string> PublicMethods(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName)
            .Select(m => m.Name)
            .Distinct();

    private static FakeServerlessState OtherState()
    {
        using var other = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { Seed = 7 });
        other.Seed().ServiceReadyToDeploy();
        return other.ExportState();
    }

    private static async Task<HttpResponseMessage> SendWithKeyAsync(FakeServerlessServer fake, ApiKey key)
    {
        using var client = fake.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://serverless.twilio.com/v1/Services");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{key.Sid}:{key.Secret}")));
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
