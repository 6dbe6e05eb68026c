using System.Net;
using System.Text.Json.Nodes;
using FakeServerless.Durability.Support;
using Microsoft.Data.Sqlite;

namespace FakeServerless.Durability.Persistence;

/// <summary>
/// A data directory that cannot be written (a full disk, played by a store that fails on cue): health says so with 503
/// "degraded", and answers tell what happened — a write that is not durable is refused and absent from every read, a write
/// that is durable is acknowledged even when the snapshot after it failed.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class WriteFailureTests
{
    private const int DiskFull = 13; // SQLITE_FULL

    [Test]
    public async Task Write_LogCannotBeWritten_Answers503ChangesNothingAndHealthSaysDegraded()
    {
        using var dir = new DataDir();
        var disk = new FailingDisk();
        using var fake = Start(dir.Path, disk);
        var api = ApiWorld.Client(fake);
        await CreateServiceAsync(api, "kept", HttpStatusCode.Created);

        disk.Failing = "append";
        var refused = await CreateServiceAsync(api, "refused", HttpStatusCode.ServiceUnavailable);
        var health = await GetAsync(fake, "/_fake/health");
        var state = await GetAsync(fake, "/_fake/state");
        using var list = await api.GetAsync("Services");

        Assert.That(refused, Does.Contain("did not make it").And.Contain("disk is full"));
        Assert.That(health.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(health.Json["status"]!.GetValue<string>(), Is.EqualTo("degraded"));
        Assert.That(health.Json["reason"]!.GetValue<string>(), Does.Contain("disk is full").And.Contain("writes are refused"));
        Assert.That(state.Json.ToJsonString(), Does.Contain("\"kept\"").And.Not.Contain("refused"), "a write that is not durable is absent from reads");
        Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK), "reads are still answered");
        Assert.That(await list.Content.ReadAsStringAsync(), Does.Not.Contain("refused"));

        disk.Failing = null;
        await CreateServiceAsync(api, "refused", HttpStatusCode.Created);
        Assert.That((await GetAsync(fake, "/_fake/health")).Json["status"]!.GetValue<string>(), Is.EqualTo("ok"), "healthy again once it can write");

        using var image = dir.CrashImage();
        using var restarted = FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(image.Path));
        Assert.That(restarted.Snapshot().Services.Select(s => s.UniqueName), Is.EqualTo(new[] { "kept", "refused" }));
    }

    [Test]
    public async Task Write_SnapshotFailsAfterTheRowCommitted_IsAcknowledgedAndSurvivesARestart()
    {
        using var dir = new DataDir();
        var disk = new FailingDisk { Failing = "snapshot" };
        using var fake = Start(dir.Path, disk, snapshotInterval: 2);
        var api = ApiWorld.Client(fake);

        await CreateServiceAsync(api, "first", HttpStatusCode.Created);
        await CreateServiceAsync(api, "second", HttpStatusCode.Created); // its snapshot fails: the row is committed, so it is acknowledged
        var health = await GetAsync(fake, "/_fake/health");

        Assert.That(health.Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(health.Json["reason"]!.GetValue<string>(), Does.Contain("snapshot").And.Contain("still in its write log"));
        Assert.That(dir.HasSnapshot(), Is.False);
        using (var image = dir.CrashImage())
        {
            using var restarted = FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(image.Path));
            Assert.That(restarted.Snapshot().Services.Select(s => s.UniqueName), Is.EqualTo(new[] { "first", "second" }));
        }

        disk.Failing = null;
        await CreateServiceAsync(api, "third", HttpStatusCode.Created);
        await CreateServiceAsync(api, "fourth", HttpStatusCode.Created); // the next try, one interval later, succeeds
        Assert.That((await GetAsync(fake, "/_fake/health")).Json["status"]!.GetValue<string>(), Is.EqualTo("ok"));
        Assert.That(dir.HasSnapshot(), Is.True);
    }

    [TestCase("/_fake/scenarios", """{"kind":"service-ready-to-deploy"}""", TestName = "ControlWrite_ScenarioWhileLogCannotBeWritten_Answers503AndChangesNothing")]
    [TestCase("/_fake/keys", "{}", TestName = "ControlWrite_KeyWhileLogCannotBeWritten_Answers503AndChangesNothing")]
    public async Task ControlWrite_LogCannotBeWritten_Answers503AndChangesNothing(string path, string json)
    {
        using var dir = new DataDir();
        var disk = new FailingDisk { Failing = "append" };
        using var fake = Start(dir.Path, disk);
        using var http = fake.CreateHttpClient();

        using var response = await http.PostAsync(new Uri(fake.Url, path), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await response.Content.ReadAsStringAsync());
        Assert.That(fake.ExportState().Accounts, Is.Empty);
        Assert.That(fake.ExportState().ApiKeys, Is.Empty);
    }

    [Test]
    public void CSharpWrite_LogCannotBeWritten_ThrowsInvalidOperationAndChangesNothing()
    {
        using var dir = new DataDir();
        var disk = new FailingDisk();
        using var fake = Start(dir.Path, disk);
        var state = fake.ExportState();
        fake.Account().CreateService("kept");

        disk.Failing = "append";
        var create = Assert.Throws<InvalidOperationException>(() => fake.Account().CreateService("refused"));
        var key = Assert.Throws<InvalidOperationException>(() => fake.CreateApiKey());
        disk.Failing = "snapshot";
        var import = Assert.Throws<InvalidOperationException>(() => fake.ImportState(state));

        Assert.That(create!.Message, Does.Contain("did not make it"));
        Assert.That(key!.Message, Does.Contain("did not make it"));
        Assert.That(import!.Message, Does.Contain("did not import it"));
        Assert.That(fake.Snapshot().Services.Select(s => s.UniqueName), Is.EqualTo(new[] { "kept" }));
        Assert.That(fake.ExportState().ApiKeys, Is.Empty);
    }

    [Test]
    public async Task FunctionLogs_LogCannotBeWritten_FunctionStillAnswersAndNoLogIsKept()
    {
        using var dir = new DataDir();
        var disk = new FailingDisk();
        using var fake = Start(dir.Path, disk);
        var scenario = fake.Seed().ServiceLiveIn("staging");
        var function = scenario.Functions[0];
        fake.MapFunction(function.Path, (request, console) =>
        {
            console.Log("called");
            return new FunctionResponse { Body = "ok" };
        });
        using var http = fake.CreateHttpClient();
        var url = new Uri($"https://{scenario.Environments.Single(e => e.UniqueName == "staging").DomainName}{function.Path}");

        disk.Failing = "append";
        using var answer = await http.GetAsync(url);

        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await answer.Content.ReadAsStringAsync(), Is.EqualTo("ok"));
        Assert.That(fake.Snapshot().Logs.Where(l => l.Message == "called"), Is.Empty);
    }

    private static FakeServerlessServer Start(string dataDirectory, FailingDisk disk, int snapshotInterval = 5000) =>
        FakeServerlessServer.StartInMemory(new FakeServerlessOptions { EnableControlApi = true }.UseDurableState(dataDirectory, durable =>
        {
            durable.SnapshotInterval = snapshotInterval;
            durable.BeforeWrite = disk.BeforeWrite;
        }));

    private static async Task<string> CreateServiceAsync(HttpClient api, string name, HttpStatusCode expected)
    {
        using var response = await api.PostAsync("Services", ApiWorld.Form(("UniqueName", name), ("FriendlyName", name)));
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), body);
        return body;
    }

    private static async Task<(HttpStatusCode Status, JsonNode Json)> GetAsync(FakeServerlessServer fake, string path)
    {
        using var http = fake.CreateHttpClient();
        using var response = await http.GetAsync(new Uri(fake.Url, path));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    /// <summary>Plays a full disk: while <see cref="Failing"/> names a write ("append", "snapshot"), that write fails as SQLite's would.</summary>
    private sealed class FailingDisk
    {
        public volatile string? Failing;

        public void BeforeWrite(string write)
        {
            if (write == Failing)
            {
                throw new SqliteException("SQLite Error 13: 'database or disk is full'.", DiskFull);
            }
        }
    }
}
