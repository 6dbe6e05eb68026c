using System.Text.Json.Nodes;
using FakeServerless.Reliability.Support;

namespace FakeServerless.Reliability;

/// <summary>
/// Issue 17, item 4: <c>PUT /_fake/state</c> checks the whole state before anything changes. Each inconsistent state of the report
/// is refused with a 400 naming the JSON path of the bad value; and a property: seeded random mutations of a rich valid state are
/// either refused with 400 (nothing changed) or accepted and then every API call answers below 500 — in memory, and after a
/// durable restart on the same data directory (which must start: an accepted state never bricks it).
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class ImportedStateTests
{
    private const string Default = "AC00000000000000000000000000000001";
    private const string Other = "AC0000000000000000000000000000000b";
    private const int Seed = 20261204;

    private static readonly Lazy<Task<string>> ValidState = new(CreateValidStateAsync);

    private static readonly object[] InconsistentStates =
    [
        Case("function_versions null", s => Build(s)["function_versions"] = null, "accounts[0].services.items[0].builds.items[0].build.function_versions"),
        Case("dependencies [null]", s => Build(s)["dependencies"] = new JsonArray((JsonNode?)null), "accounts[0].services.items[0].builds.items[0].build.dependencies[0]"),
        Case("visibility 9", s => Build(s)["function_versions"]![0]!["visibility"] = 9, "accounts[0].services.items[0].builds.items[0].build.function_versions[0].visibility"),
        Case("build status 3", s => Build(s)["status"] = 3, "accounts[0].services.items[0].builds.items[0].build.status"),
        Case("completion mode 12", s => Builds(s)[0]!["completion_mode"] = 12, "accounts[0].services.items[0].builds.items[0].completion_mode"),
        Case("outcome Building", s => Builds(s)[0]!["outcome"] = "Building", "accounts[0].services.items[0].builds.items[0].outcome"),
        Case("reads negative", s => Builds(s)[0]!["reads"] = -3, "accounts[0].services.items[0].builds.items[0].reads"),
        Case("deployment of a missing build", s => Deployment(s)["build_sid"] = "ZB0123456789abcdef0123456789abcdef", "accounts[0].services.items[0].environments.items[0].deployments.items[0].build_sid"),
        Case("deployment of another account's build", s => Deployment(s)["build_sid"] = OtherBuild(s), "accounts[0].services.items[0].environments.items[0].deployments.items[0].build_sid"),
        Case("live build of another account", s => Environment(s)["build_sid"] = OtherBuild(s), "accounts[0].services.items[0].environments.items[0].environment.build_sid"),
        Case("SID hello", s => Service(s)["sid"] = "hello", "accounts[0].services.items[0].service.sid"),
        Case("SID with a path", s => Service(s)["sid"] = "ZS/../x", "accounts[0].services.items[0].service.sid"),
        Case("SID of the wrong kind", s => Service(s)["sid"] = "ZE0123456789abcdef0123456789abcdef", "accounts[0].services.items[0].service.sid"),
        Case("account SID malformed", s => s["accounts"]![0]!["account_sid"] = "AC1", "accounts[0].account_sid"),
        Case("duplicate account", s => s["accounts"]!.AsArray().Add(s["accounts"]![0]!.DeepClone()), "accounts[2].account_sid"),
        Case("record under the wrong account", s => Service(s)["account_sid"] = Other, "accounts[0].services.items[0].service.account_sid"),
        Case("version under the wrong function", s => Functions(s)[0]!["versions"]!["items"]![0]!["function_sid"] = "ZH0123456789abcdef0123456789abcdef", "accounts[0].services.items[0].functions.items[0].versions.items[0].function_sid"),
        Case("unknown top-level field", s => s["surprise"] = 1, "surprise"),
        Case("unknown nested field", s => Service(s)["colour"] = "red", "accounts[0].services.items[0].service.colour"),
        Case("missing field", s => Service(s).AsObject().Remove("domain_base"), "accounts[0].services.items[0].service.domain_base"),
        Case("next_sequence Int64.MaxValue", s => Service(s).Parent!.Parent!.Parent!["next_sequence"] = long.MaxValue, "accounts[0].services.next_sequence"),
        Case("sequence not below next_sequence", s => Builds(s).Parent!["next_sequence"] = 0, "accounts[0].services.items[0].builds.sequences[0]"),
        Case("pending failures negative", s => s["pending_build_failures"] = -1, "pending_build_failures"),
        Case("items null", s => Builds(s).Parent!["items"] = null, "accounts[0].services.items[0].builds.items"),
        Case("item null", s => Builds(s)[0] = null, "accounts[0].services.items[0].builds.items[0]"),
        Case("variable value null", s => Environment(s).Parent!["variables"]!["items"]![0]!["value"] = null, "accounts[0].services.items[0].environments.items[0].variables.items[0].value"),
        Case("duplicate domain", s => Environments(s)[1]!["environment"]!["domain_name"] = Environment(s)["domain_name"]!.GetValue<string>(), "accounts[0].services.items[0].environments.items[1].environment.domain_name"),
        Case("domain registry mismatch", s => s["domains"]![0]!["environment_sid"] = "ZE0123456789abcdef0123456789abcdef", "domains[0]"),
        Case("date not a date", s => Service(s)["date_created"] = "yesterday", "accounts[0].services.items[0].service.date_created"),
        Case("api key secret empty", s => s["api_keys"]![0]!["secret"] = "", "api_keys[0].secret"),
        Case("revoked key malformed", s => s["revoked_api_keys"] = new JsonArray("SK1"), "revoked_api_keys[0]"),
        Case("removed SID of the wrong kind", s => Builds(s).Parent!["removed"]!.AsObject()["ZS0123456789abcdef0123456789abcdef"] = 0, "accounts[0].services.items[0].builds.removed"),
    ];

    [TestCaseSource(nameof(InconsistentStates))]
    public async Task Put_InconsistentState_400NamingThePathAndNothingChanges(string what, Func<JsonNode, string> mutate, string path)
    {
        var valid = await ValidState.Value;
        await using var fake = FakeServerlessServer.Start(o => o.EnableControlApi = true);
        using var control = new ControlClient(fake.Url);
        Assert.That((await control.PutAsync("/_fake/state", valid)).Status, Is.EqualTo(204));

        var refused = await control.PutAsync("/_fake/state", mutate(JsonNode.Parse(valid)!));
        var after = await control.GetAsync("/_fake/state");

        Assert.That(refused.Status, Is.EqualTo(400), $"{what}: {refused.Body}");
        Assert.That(refused.Field("message"), Does.StartWith($"The state is not valid at {path}:"), what);
        Assert.That(after.Body, Is.EqualTo(valid), $"{what}: nothing changed");
    }

    [Test]
    public async Task Put_NextSequenceMaxValueInDurableMode_RefusedAndTheDirectoryStillStarts()
    {
        var state = JsonNode.Parse(await ValidState.Value)!;
        state["accounts"]![0]!["services"]!["next_sequence"] = long.MaxValue;
        var directory = Directory.CreateTempSubdirectory("fakeserverless-imported-").FullName;
        try
        {
            int status;
            await using (var fake = FakeServerlessServer.Start(o => { o.EnableControlApi = true; o.UseDurableState(directory); }))
            {
                using var control = new ControlClient(fake.Url);
                status = (await control.PutAsync("/_fake/state", state.ToJsonString())).Status;
                using var twilio = new HttpClient(new FakeServerless.Transports.RedirectingHandler(fake.Url, new SocketsHttpHandler()));
                await new Api(twilio, Default).PostAsync("/Services", ("UniqueName", "after"), ("FriendlyName", "After"));
            }

            Assert.That(status, Is.EqualTo(400));
            Assert.That(() => FakeServerlessServer.Start(o => o.UseDurableState(directory)).Dispose(), Throws.Nothing, "an API call must never brick the data directory");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public async Task Put_CompletionDelayMaxValue_AcceptedAndEveryCallAnswers()
    {
        var state = JsonNode.Parse(await ValidState.Value)!;
        foreach (var build in Builds(state))
        {
            build!["completion_mode"] = "AfterDelay";
            build["completion_delay"] = TimeSpan.MaxValue.ToString();
            build["build"]!["status"] = "Building";
        }

        await using var fake = FakeServerlessServer.Start(o => o.EnableControlApi = true);
        using var control = new ControlClient(fake.Url);
        var put = await control.PutAsync("/_fake/state", state.ToJsonString());
        var crawler = new StateCrawler(fake.Url);
        await crawler.CrawlAsync(state.ToJsonString());

        Assert.That(put.Status, Is.EqualTo(204), put.Body);
        Assert.That(crawler.Failures, Is.Empty, string.Join('\n', crawler.Failures.Take(10)));
    }

    [Test]
    public async Task Put_RandomMutations_RefusedOrEveryCallBelow500()
    {
        var valid = await ValidState.Value;
        await using var fake = FakeServerlessServer.Start(o => o.EnableControlApi = true);
        using var control = new ControlClient(fake.Url);
        var mutator = new StateMutator(Seed);
        var failures = new List<string>();
        var (accepted, refused) = (0, 0);

        for (var i = 0; i < Scale.Of(250); i++)
        {
            var (json, description) = mutator.Mutate(JsonNode.Parse(valid)!);
            var put = await control.PutAsync("/_fake/state", json);
            if (put.Status == 400)
            {
                refused++;
                continue;
            }

            if (put.Status != 204)
            {
                failures.Add($"{description}: PUT answered {put.Status} {put.Body}");
                continue;
            }

            accepted++;
            var crawler = new StateCrawler(fake.Url);
            await crawler.CrawlAsync(json);
            failures.AddRange(crawler.Failures.Take(3).Select(f => $"{description}: {f}"));
        }

        TestContext.Progress.WriteLine($"Imported-state property (memory): {accepted} mutations accepted and crawled, {refused} refused with 400.");
        Assert.That(failures, Is.Empty, string.Join('\n', failures.Take(20)));
        Assert.That(accepted, Is.GreaterThan(0), "some mutations keep the state valid (renames, dates, counters in range)");
    }

    [Test]
    public async Task Put_RandomMutations_AcceptedStatesSurviveADurableRestart()
    {
        var valid = await ValidState.Value;
        var mutator = new StateMutator(Seed + 1);
        var failures = new List<string>();
        var restarts = 0;
        for (var i = 0; i < Scale.Of(150) && restarts < Scale.Of(30); i++)
        {
            var (json, description) = mutator.Mutate(JsonNode.Parse(valid)!);
            var directory = Directory.CreateTempSubdirectory("fakeserverless-imported-").FullName;
            try
            {
                int status;
                await using (var fake = FakeServerlessServer.Start(o => { o.EnableControlApi = true; o.UseDurableState(directory); }))
                {
                    using var control = new ControlClient(fake.Url);
                    status = (await control.PutAsync("/_fake/state", json)).Status;
                }

                if (status != 204)
                {
                    continue;
                }

                restarts++;
                FakeServerlessServer restarted;
                try
                {
                    restarted = FakeServerlessServer.Start(o => { o.EnableControlApi = true; o.UseDurableState(directory); });
                }
                catch (DataDirectoryException ex)
                {
                    failures.Add($"{description}: accepted, then the data directory would not start: {ex.Message}");
                    continue;
                }

                await using (restarted)
                {
                    var crawler = new StateCrawler(restarted.Url);
                    await crawler.CrawlAsync(json);
                    failures.AddRange(crawler.Failures.Take(3).Select(f => $"{description} (after restart): {f}"));
                }

                // The crawl wrote (services, builds, deployments) on top of the imported state: the directory must start again.
                try
                {
                    FakeServerlessServer.Start(o => o.UseDurableState(directory)).Dispose();
                }
                catch (DataDirectoryException ex)
                {
                    failures.Add($"{description}: accepted and written to, then the data directory would not start: {ex.Message}");
                }
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        TestContext.Progress.WriteLine($"Imported-state property (durable): {restarts} accepted mutations restarted and crawled.");
        Assert.That(failures, Is.Empty, string.Join('\n', failures.Take(20)));
        Assert.That(restarts, Is.GreaterThan(0));
    }

    /// <summary>
    /// A rich state: two accounts, a service live in staging with production cleared, logs, variables, a deleted function and
    /// build (page tokens of deleted SIDs), a build still building after polls, API keys (one revoked).
    /// </summary>
    private static async Task<string> CreateValidStateAsync()
    {
        using var fake = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { Seed = 5, BuildCompletion = BuildCompletion.AfterPolls(3), EnableControlApi = true });
        var scenario = fake.Seed().ServiceLiveIn("staging", o => o.DeployTo = ["staging", "production"]);
        var account = fake.Account();
        var service = scenario.Service.Sid;
        account.Deploy(service, scenario.Environment("production").Sid, null);
        account.AppendLog(service, scenario.Environment("staging").Sid, "hello", functionSid: scenario.Functions[0].Function.Sid);
        var gone = account.CreateFunction(service, "gone");
        account.CreateFunctionVersion(service, gone.Sid, "/gone", "x");
        var deleted = account.CreateBuild(service, [scenario.Functions[0].Version.Sid]);
        account.CreateBuild(service, [scenario.Functions[0].Version.Sid]); // stays building: AfterPolls(3)
        using var client = fake.CreateHttpClient();
        var api = new Api(client, Default);
        Assert.That((await api.DeleteAsync($"/Services/{service}/Functions/{gone.Sid}")).Status, Is.EqualTo(204));
        await api.GetAsync($"/Services/{service}/Builds/{deleted.Sid}");
        await api.GetAsync($"/Services/{service}/Builds/{deleted.Sid}");
        await api.GetAsync($"/Services/{service}/Builds/{deleted.Sid}");
        Assert.That((await api.DeleteAsync($"/Services/{service}/Builds/{deleted.Sid}")).Status, Is.EqualTo(204));
        fake.Seed(Other).ServiceReadyToDeploy();
        fake.CreateApiKey();
        fake.CreateApiKey(Other);
        fake.CreateApiKey("AC00000000000000000000000000000003");
        fake.Account("AC00000000000000000000000000000003").CreateService("forgotten");
        using var control = await client.PostAsync("https://serverless.twilio.com/_fake/reset?AccountSid=AC00000000000000000000000000000003", null);
        Assert.That((int)control.StatusCode, Is.EqualTo(204));
        return fake.ExportState().ToJson();
    }

    private static object[] Case(string what, Action<JsonNode> change, string path) =>
        [what, (Func<JsonNode, string>)(root =>
        {
            change(root);
            return root.ToJsonString();
        }), path];

    private static JsonNode Service(JsonNode s) => s["accounts"]![0]!["services"]!["items"]![0]!["service"]!;

    private static JsonArray Builds(JsonNode s) => s["accounts"]![0]!["services"]!["items"]![0]!["builds"]!["items"]!.AsArray();

    private static JsonNode Build(JsonNode s) => Builds(s)[0]!["build"]!;

    private static JsonArray Functions(JsonNode s) => s["accounts"]![0]!["services"]!["items"]![0]!["functions"]!["items"]!.AsArray();

    private static JsonArray Environments(JsonNode s) => s["accounts"]![0]!["services"]!["items"]![0]!["environments"]!["items"]!.AsArray();

    private static JsonNode Environment(JsonNode s) => Environments(s)[0]!["environment"]!;

    private static JsonNode Deployment(JsonNode s) => Environments(s)[0]!["deployments"]!["items"]![0]!;

    private static string OtherBuild(JsonNode s) =>
        s["accounts"]!.AsArray().Single(a => a!["account_sid"]!.GetValue<string>() == Other)!["services"]!["items"]![0]!["builds"]!["items"]![0]!["build"]!["sid"]!.GetValue<string>();
}
