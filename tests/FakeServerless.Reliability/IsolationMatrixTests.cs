using System.Net.Http.Headers;
using System.Text;
using FakeServerless.Engine;
using FakeServerless.Reliability.Support;
using FakeServerless.Routing;

namespace FakeServerless.Reliability;

/// <summary>
/// Account B against account A: every operation of the route table (the 2010 API's account and key calls included) on A's SIDs
/// and unique names answers 404 and changes nothing of A's; no sequence of B's calls changes what A's environment domains serve; and canned function answers scoped to one
/// account never answer another's domains, nor go when another account clears or resets its own.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Children)]
public sealed class IsolationMatrixTests
{
    private const string AccountA = "AC00000000000000000000000000000001";
    private const string AccountB = "ACbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

    [Test]
    public async Task EveryOperation_AccountBOnAccountASids_404AndANotChanged()
    {
        using var target = await Target.StartAsync("InMemory");
        var a = new Api(target.Client, AccountA);
        var b = new Api(target.Client, AccountB);
        var canary = await Canary.CreateAsync(a);
        var asset = await a.CreateAsync($"/Services/{canary.ServiceSid}/Assets", ("FriendlyName", "logo"));
        var assetVersion = await a.CreateAsync($"/Services/{canary.ServiceSid}/Assets/{asset}/Versions", ("Path", "/logo.txt"), ("Visibility", "public"), ("Content", "logo"));
        var log = target.Fake!.Account(AccountA).AppendLog(canary.ServiceSid, canary.EnvironmentSid, "hello").Sid;
        var before = await canary.FetchAllAsync(a);
        var routes = ServerlessEngine.CreateRoutes().Routes;
        var leaks = new List<string>();

        foreach (var byUniqueName in new[] { false, true })
        {
            foreach (var route in routes)
            {
                var path = string.Concat(route.Segments.Select((segment, i) => "/" + (segment[0] == '{' ? SidFor(route, i, canary, asset, assetVersion, log, byUniqueName) + route.Suffixes[i] : segment)));
                var form = new (string, string)[]
                {
                    ("UniqueName", byUniqueName ? "stolen-by-name" : "stolen"), ("FriendlyName", "stolen"), ("Key", "STOLEN"), ("Value", "x"), ("BuildSid", canary.BuildSid),
                    ("FunctionVersions", canary.FunctionVersionSid), ("Path", "/stolen"), ("Visibility", "public"), ("Content", "stolen"),
                };
                var url = path.StartsWith("/v1/", StringComparison.Ordinal) ? "/" + string.Join('/', path.Split('/').Skip(2)) : "https://api.twilio.com" + path;
                var (status, body) = await b.SendAsync(new HttpMethod(route.Method), url, route.Method == "POST" ? form.Select(p => KeyValuePair.Create(p.Item1, p.Item2)) : null);
                var expected = route.Operation is "ListService" or "CreateService" ? status is 200 or 201 : status == 404;
                if (!expected)
                {
                    leaks.Add($"{route.Operation} {path}: {status} {body}");
                }
            }
        }

        var after = await canary.FetchAllAsync(a);
        leaks.ForEach(Figures.Leak);
        TestContext.Progress.WriteLine($"Isolation: {routes.Count} operations x 2 (SIDs, unique names), {leaks.Count} leaks.");
        Assert.Multiple(() =>
        {
            Assert.That(routes.Select(r => r.Operation).Distinct().Count(), Is.EqualTo(43), "the route table's operations");
            Assert.That(target.Fake.ExportState().ApiKeys, Is.Empty, "B made no key on A's account");
            Assert.That(leaks, Is.Empty);
            Assert.That(after, Is.EqualTo(before), "account A's state");
        });
    }

    [Test]
    public async Task DomainSequences_AccountBCollidesWithADomain_ADomainKeepsServingA()
    {
        using var target = await Target.StartAsync("InMemory");
        var a = new Api(target.Client, AccountA);
        var b = new Api(target.Client, AccountB);
        var canary = await Canary.CreateAsync(a);
        var (_, serviceBody) = await a.GetAsync($"/Services/{canary.ServiceSid}");
        var domainBase = Api.Field(serviceBody, "domain_base");

        // A second environment of A whose suffix starts with four digits: "<A's base>-3172-dev" is what B aims at.
        var (_, targetBody) = await a.PostAsync($"/Services/{canary.ServiceSid}/Environments", ("UniqueName", "target"), ("DomainSuffix", "3172-dev"));
        var targetEnvironment = Api.Field(targetBody, "sid");
        var targetDomain = Api.Field(targetBody, "domain_name");
        await a.CreateAsync($"/Services/{canary.ServiceSid}/Environments/{targetEnvironment}/Deployments", ("BuildSid", canary.BuildSid));
        var served = await ServeAsync(target.Client, canary.DomainName);
        var servedTarget = await ServeAsync(target.Client, targetDomain);
        Assert.That(served.Status, Is.EqualTo(200), served.Body);

        // B: the same unique names and suffixes as A, then deleted.
        var bService = await b.CreateAsync("/Services", ("UniqueName", Canary.UniqueName), ("FriendlyName", "B"));
        var (bEnvironmentStatus, bEnvironmentBody) = await b.PostAsync($"/Services/{bService}/Environments", ("UniqueName", "production"), ("DomainSuffix", "prod"));
        Assert.That(bEnvironmentStatus, Is.EqualTo(201), bEnvironmentBody);
        Assert.That(Api.Field(bEnvironmentBody, "domain_name"), Is.Not.EqualTo(canary.DomainName));
        await b.DeleteAsync($"/Services/{bService}/Environments/{Api.Field(bEnvironmentBody, "sid")}");
        await b.DeleteAsync($"/Services/{bService}");

        // B: a service named after A's domain base, re-created until its own base is "<A's base>-3172" (or a bound is hit).
        var tries = 0;
        var collided = false;
        for (; tries < Scale.Of(30_000) && !collided; tries++)
        {
            var (status, body) = await b.PostAsync("/Services", ("UniqueName", domainBase), ("FriendlyName", "B"));
            if (status != 201)
            {
                break;
            }

            var sid = Api.Field(body, "sid");
            if (Api.Field(body, "domain_base") == $"{domainBase}-3172")
            {
                collided = true;
                var (takeover, takeoverBody) = await b.PostAsync($"/Services/{sid}/Environments", ("UniqueName", "dev"), ("DomainSuffix", "dev"));
                Assert.That(takeover, Is.EqualTo(409), $"B's environment would take A's domain {targetDomain}: {takeoverBody}");
            }

            await b.DeleteAsync($"/Services/{sid}");
        }

        TestContext.Progress.WriteLine($"Domain sequences: {tries} services created by B, collision with A's domain base {(collided ? "reached" : "not reached")}.");
        Assert.That(await ServeAsync(target.Client, canary.DomainName), Is.EqualTo(served), "A's domain serves A's content");
        Assert.That(await ServeAsync(target.Client, targetDomain), Is.EqualTo(servedTarget), "A's second domain serves A's content");
    }

    [Test]
    public async Task CannedAnswers_TwoSuitesOnOneStandaloneFake_EachAccountsDomainsAnswerOnlyItsOwn()
    {
        // Two suites, one account each, share the standalone fake: each cans /hello for its account (B also for one environment
        // and one domain), then A clears and resets only its own; B's answers never change and A never sees B's.
        using var target = await Target.StartAsync("Cli");
        using var control = new HttpClient { BaseAddress = target.Endpoint };
        var a = new Api(target.Client, AccountA);
        var b = new Api(target.Client, AccountB);
        var canaryA = await Canary.CreateAsync(a);
        var canaryB = await Canary.CreateAsync(b);

        async Task Can(string scope, string body)
        {
            using var response = await control.PostAsync("/_fake/functions", new StringContent($$"""{"path":"/hello","body":"{{body}}","scope":"{{scope}}"}""", Encoding.UTF8, "application/json"));
            Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        }

        await Can(AccountA, "A");
        await Can(AccountB, "B");
        await Can(canaryB.EnvironmentSid, "B's environment");
        await Can(canaryB.DomainName, "B's domain");
        var served = (await ServeAsync(target.Client, canaryA.DomainName), await ServeAsync(target.Client, canaryB.DomainName));

        using var cleared = await control.DeleteAsync($"/_fake/functions?AccountSid={AccountA}");
        var afterClear = (await ServeAsync(target.Client, canaryA.DomainName), await ServeAsync(target.Client, canaryB.DomainName));
        await Can(AccountA, "A again");
        using var reset = await control.PostAsync($"/_fake/reset?AccountSid={AccountA}", null);
        var afterReset = await ServeAsync(target.Client, canaryB.DomainName);

        Assert.Multiple(() =>
        {
            Assert.That(served, Is.EqualTo(((200, "A"), (200, "B's domain"))));
            Assert.That(afterClear.Item1.Body, Does.Contain("function_sid"), "A's canned answer is gone; its function answers its default");
            Assert.That(afterClear.Item2, Is.EqualTo((200, "B's domain")));
            Assert.That(((int)cleared.StatusCode, (int)reset.StatusCode), Is.EqualTo((204, 204)));
            Assert.That(afterReset, Is.EqualTo((200, "B's domain")));
        });
    }

    private static async Task<(int Status, string Body)> ServeAsync(HttpClient client, string domain)
    {
        using var response = await client.GetAsync($"https://{domain}/hello");
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string SidFor(Route route, int index, Canary canary, string asset, string assetVersion, string log, bool byUniqueName)
    {
        var name = route.ParameterNames[index];
        var collection = index > 0 ? route.Segments[index - 1] : string.Empty;
        var underAssets = route.Segments.Contains("Assets");
        return name switch
        {
            "AccountSid" => AccountA,
            "ServiceSid" => byUniqueName ? Canary.UniqueName : canary.ServiceSid,
            "EnvironmentSid" => byUniqueName ? "production" : canary.EnvironmentSid,
            "FunctionSid" => canary.FunctionSid,
            "AssetSid" => asset,
            _ => collection switch
            {
                "Accounts" => AccountA,
                "Services" => byUniqueName ? Canary.UniqueName : canary.ServiceSid,
                "Environments" => canary.EnvironmentSid,
                "Variables" => canary.VariableSid,
                "Deployments" => canary.DeploymentSid,
                "Logs" => log,
                "Functions" => canary.FunctionSid,
                "Assets" => asset,
                "Builds" => canary.BuildSid,
                "Versions" => underAssets ? assetVersion : canary.FunctionVersionSid,
                _ => throw new InvalidOperationException($"No SID for {route.Template} segment {index}"),
            },
        };
    }
}
