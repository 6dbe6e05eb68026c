
namespace FakeServerless.NUnit.Tests.Lifecycle;

/// <summary>Two ordered tests on one server: the second sees what the first test's teardown left behind.</summary>
[NonParallelizable]
public sealed class TeardownTests : FakeServerlessTestBase
{
    private static string? _firstAccountSid;
    private static string? _firstDomain;
    private static HttpClient? _firstClient;

    /// <summary>The fixture's server, checked by <see cref="FixtureLifetimeTests"/> after the fixture ends.</summary>
    public static FakeServerlessServer? Server { get; private set; }

    [Test]
    [Order(1)]
    public async Task Teardown_FirstTest_SeedsStateAndAClient()
    {
        var environment = Account.CreateEnvironment(Account.CreateService("shop").Sid, "dev", "dev");
        _firstClient = CreateHttpClient();

        var response = await _firstClient.GetAsync("/v1/Services");

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        (Server, _firstAccountSid, _firstDomain) = (Fake, AccountSid, environment.DomainName);
    }

    [Test]
    [Order(2)]
    public async Task Teardown_AfterTheFirstTest_ItsAccountForgottenAndItsClientsDisposed()
    {
        Assume.That(_firstAccountSid, Is.Not.Null, "runs after Teardown_FirstTest_SeedsStateAndAClient");

        var domain = await CreateHttpClient().GetAsync($"https://{_firstDomain}/");

        Assert.That(Fake, Is.SameAs(Server));
        Assert.That(AccountSid, Is.Not.EqualTo(_firstAccountSid));
        Assert.That(Fake.Snapshot(_firstAccountSid).Services, Is.Empty);
        Assert.That((int)domain.StatusCode, Is.EqualTo(404));
        Assert.ThrowsAsync<ObjectDisposedException>(() => _firstClient!.GetAsync("/v1/Services"));
    }
}
