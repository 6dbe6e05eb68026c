using FakeServerless.Durability.Support;

namespace FakeServerless.Durability.Persistence;

/// <summary>
/// A fake on a data directory, "crashed" by copying its files as they are on disk while it runs (the WAL not folded in, the
/// process not told), then a second fake started on the copy: it must answer exactly as the first one does.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class DurableRestartTests
{
    private static readonly Uri Twilio = new("https://serverless.twilio.com/");

    [Test]
    public async Task Start_OnCrashImage_AnswersAsBeforeAndMintsTheSameNextSids()
    {
        using var dir = new DataDir();
        using var first = FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(dir.Path));
        var a = new ServerlessClient(first.CreateHttpClient(), Twilio);
        var service = await a.CreateServiceAsync("shop");
        var environment = await a.CreateEnvironmentAsync(service, "staging");
        await a.CreateVariableAsync(service, environment, "API_KEY", "secret");
        var version = await a.CreateFunctionVersionAsync(service, "/hello");
        var build = await a.CreateBuildAsync(service, version);
        await a.DeployAsync(service, environment, build);
        await a.DeployAsync(service, environment, buildSid: null);
        await a.DeployAsync(service, environment, build);
        string[] paths =
        [
            "Services", $"Services/{service}/Environments", $"Services/{service}/Environments/{environment}/Deployments?PageSize=2",
            $"Services/{service}/Environments/{environment}/Variables", $"Services/{service}/Builds/{build}", $"Services/{service}/Functions",
        ];
        var before = await Task.WhenAll(paths.Select(a.GetTextAsync));

        using var image = dir.CrashImage();
        var nextOnFirst = await a.CreateServiceAsync("next");

        using var second = FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(image.Path));
        var b = new ServerlessClient(second.CreateHttpClient(), Twilio);
        var after = await Task.WhenAll(paths.Select(b.GetTextAsync));
        var nextOnSecond = await b.CreateServiceAsync("next");

        Assert.That(after, Is.EqualTo(before));
        Assert.That(nextOnSecond, Is.EqualTo(nextOnFirst));
        Assert.That(second.Persistence.Mode, Is.EqualTo("durable"));
        Assert.That(second.Persistence.DataDirectory, Is.EqualTo(Path.GetFullPath(image.Path)));
    }

    [Test]
    public async Task Start_OnCrashImage_BuildMidCompletionGoesOnFromWhereItWas()
    {
        using var dir = new DataDir();
        var options = new FakeServerlessOptions { BuildCompletion = BuildCompletion.AfterPolls(3) }.UseDurableState(dir.Path);
        using var first = FakeServerlessServer.StartInMemory(options);
        var a = new ServerlessClient(first.CreateHttpClient(), Twilio);
        var service = await a.CreateServiceAsync("shop");
        var build = await a.CreateBuildAsync(service, await a.CreateFunctionVersionAsync(service, "/hello"));
        await a.GetAsync($"Services/{service}/Builds/{build}/Status");
        await a.GetAsync($"Services/{service}/Builds/{build}/Status");

        using var image = dir.CrashImage();
        using var second = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { BuildCompletion = BuildCompletion.AfterPolls(3) }.UseDurableState(image.Path));
        var b = new ServerlessClient(second.CreateHttpClient(), Twilio);
        var third = await b.GetAsync($"Services/{service}/Builds/{build}/Status");

        Assert.That(third!.Value.GetProperty("status").GetString(), Is.EqualTo("completed"));
    }

    [Test]
    public async Task Start_OnCrashImage_KeyCreatedByTheCliSetUpStillAuthenticates()
    {
        // POST api.twilio.com/2010-04-01/Accounts/{AC}/Keys.json (twilio profiles:create) is logged as the key it minted, SID and
        // secret, before its answer; replay adds that key (the secret in the row, not one drawn again).
        const string Logged = "LoggedSecretLoggedSecretLoggedSe";
        using var dir = new DataDir();
        using var first = FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(dir.Path));
        using var http = first.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"https://api.twilio.com/2010-04-01/Accounts/{first.AccountSid}/Keys.json")
        {
            Content = new FormUrlEncodedContent([new("FriendlyName", "twilio-cli")]),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{first.AccountSid}:{first.AuthToken}")));
        using var created = await http.SendAsync(request);
        Assert.That((int)created.StatusCode, Is.EqualTo(201), await created.Content.ReadAsStringAsync());

        var key = first.ExportState().ApiKeys.Single();
        using var image = dir.CrashImage();
        image.Execute($"UPDATE log SET body = CAST(replace(CAST(body AS TEXT), '{key.Secret}', '{Logged}') AS BLOB)");
        using var second = FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(image.Path));

        Assert.That(second.ExportState().ApiKeys, Is.EqualTo(new[] { key with { Secret = Logged } }));
    }

    [Test]
    public void Start_WithoutDataDirectory_IsInMemory()
    {
        using var fake = FakeServerlessServer.StartInMemory();

        Assert.That(fake.Persistence.Mode, Is.EqualTo("memory"));
        Assert.That(fake.Persistence.DataDirectory, Is.Null);
        Assert.That(fake.Persistence.RecoveryNotes, Is.Empty);
    }

    [Test]
    public async Task Start_AfterCleanStop_AnswersAsBefore()
    {
        using var dir = new DataDir();
        string before;
        string service;
        using (var first = FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(dir.Path)))
        {
            var a = new ServerlessClient(first.CreateHttpClient(), Twilio);
            service = await a.CreateServiceAsync("shop");
            await a.CreateEnvironmentAsync(service, "staging");
            before = await a.GetTextAsync($"Services/{service}/Environments");
        }

        using var second = FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(dir.Path));
        var b = new ServerlessClient(second.CreateHttpClient(), Twilio);

        Assert.That(await b.GetTextAsync($"Services/{service}/Environments"), Is.EqualTo(before));
    }
}
