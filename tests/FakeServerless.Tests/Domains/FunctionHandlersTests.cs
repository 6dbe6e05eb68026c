using FakeServerless.Tests.Support;

namespace FakeServerless.Tests.Domains;

/// <summary>
/// Function handlers have an owner: an account, an environment, a domain, or nobody (every domain). A request takes the most
/// specific one for its path, and forgetting an account forgets its handlers only.
/// </summary>
[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class FunctionHandlersTests(FakeServerlessTransport transport) : FakeTestBase(transport)
{
    private const string AccountA = "AC0000000000000000000000000000000a";
    private const string AccountB = "AC0000000000000000000000000000000b";

    [Test]
    public async Task MapFunction_EveryScope_TheMostSpecificAnswersEachDomain()
    {
        var a = Live(AccountA, "dev", "qa", "prod");
        var b = Live(AccountB, "dev");
        Fake.MapFunction("/hello", (_, _) => FunctionResponse.Text("everyone"));
        Fake.MapFunction("/hello", (_, _) => FunctionResponse.Text("account A"), AccountA);
        Fake.MapFunction("/hello", (_, _) => FunctionResponse.Text("A's qa"), a[1].Sid);
        Fake.MapFunction("/hello", (_, _) => FunctionResponse.Text("A's prod domain"), a[2].DomainName.ToUpperInvariant());
        Fake.MapFunction("/hello", (_, _) => FunctionResponse.Text("A's dev, replaced below"), a[0].Sid);
        Fake.MapFunction("/hello", (_, _) => FunctionResponse.Text("A's dev"), a[0].Sid); // the last one for a scope wins

        var answers = await Task.WhenAll(a.Concat(b).Select(e => GetAsync(e.DomainName)));

        Assert.That(answers, Is.EqualTo(new[] { "A's dev", "A's qa", "A's prod domain", "everyone" }));
    }

    [Test]
    public async Task MapFunction_AccountScopedOnly_OtherAccountsGetTheDefaultAnswer()
    {
        var a = Live(AccountA, "dev").Single();
        var b = Live(AccountB, "dev").Single();
        Fake.MapFunction("/hello", (_, _) => FunctionResponse.Text("only A"), AccountA);

        Assert.That(await GetAsync(a.DomainName), Is.EqualTo("only A"));
        Assert.That(await GetAsync(b.DomainName), Does.Contain("\"function_sid\""), "B's function answers its default description");
    }

    [TestCase("ZS00000000000000000000000000000001")]
    [TestCase("example.com")]
    [TestCase("AC123")]
    [TestCase("bad host.twil.io")]
    public void MapFunction_ScopeNeitherAccountEnvironmentNorDomain_ThrowsNamingWhatIsAccepted(string scope)
    {
        var error = Assert.Throws<ArgumentException>(() => Fake.MapFunction("/hello", (_, _) => FunctionResponse.Text("x"), scope));

        Assert.That(error!.ParamName, Is.EqualTo("scope"));
        Assert.That(error.Message, Does.Contain("an Account SID (AC…), an Environment SID (ZE…) or an environment's domain name"));
    }

    [Test]
    public async Task ScopeReset_ForgetsItsAccountsHandlers_OtherAccountsAndUnscopedStay()
    {
        var scope = Fake.CreateScope("suite-a");
        var mine = Live(scope.AccountSid, "dev", "qa");
        var b = Live(AccountB, "dev").Single();
        scope.MapFunction("/hello", (_, _) => FunctionResponse.Text("mine"));
        Fake.MapFunction("/hello", (_, _) => FunctionResponse.Text("my qa"), mine[1].Sid);
        Fake.MapFunction("/hello", (_, _) => FunctionResponse.Text("my dev domain"), mine[0].DomainName);
        Fake.MapFunction("/hello", (_, _) => FunctionResponse.Text("B's"), AccountB);
        Fake.MapFunction("/other", (_, _) => FunctionResponse.Text("everyone"));
        Assert.That(await GetAsync(mine[0].DomainName), Is.EqualTo("my dev domain"));

        scope.Reset();
        var again = Live(scope.AccountSid, "dev").Single();

        Assert.That(await GetAsync(again.DomainName), Does.Contain("\"function_sid\""), "the account's handler is gone");
        Assert.That(await GetAsync(b.DomainName), Is.EqualTo("B's"));
        Assert.That(await GetAsync(b.DomainName, "/other"), Is.EqualTo("everyone"));
        scope.Dispose();
    }

    [Test]
    public async Task TwoScopes_SamePathMappedByEach_EachSeesOnlyItsOwn()
    {
        using var left = Fake.CreateScope("left");
        using var right = Fake.CreateScope("right");
        var leftDomain = Live(left.AccountSid, "dev").Single().DomainName;
        var rightDomain = Live(right.AccountSid, "dev").Single().DomainName;

        left.MapFunction("/hello", (_, _) => FunctionResponse.Text("left"));
        right.MapFunction("/hello", async (_, _, ct) =>
        {
            await Task.Yield();
            return FunctionResponse.Text("right");
        });

        Assert.That((await GetAsync(leftDomain), await GetAsync(rightDomain)), Is.EqualTo(("left", "right")));
    }

    private async Task<string> GetAsync(string domain, string path = "/hello")
    {
        using var client = Fake.CreateHttpClient();
        return await client.GetStringAsync($"https://{domain.ToLowerInvariant()}{path}");
    }

    /// <summary>A service of <paramref name="accountSid"/> with /hello and /other live in each named environment.</summary>
    private List<EnvironmentRecord> Live(string accountSid, params string[] environments)
    {
        var account = Fake.Account(accountSid);
        var service = account.CreateService("shop");
        var versions = new[] { "/hello", "/other" }
            .Select(path => account.CreateFunctionVersion(service.Sid, account.CreateFunction(service.Sid, path).Sid, path, "exports.handler = () => {};").Sid)
            .ToList();
        var build = account.CreateBuild(service.Sid, versions);
        return environments.Select(name =>
        {
            var environment = account.CreateEnvironment(service.Sid, name, name);
            account.Deploy(service.Sid, environment.Sid, build.Sid);
            return environment;
        }).ToList();
    }
}
