using FakeServerless.Contract.Support;
using FakeServerless.Contract.Target;
using Twilio.Rest.Serverless.V1;

namespace FakeServerless.Contract.Live;

/// <summary>Checks of the live target itself; ignored, naming both variables, when they are not set.</summary>
[Category(ContractCategories.Live)]
public sealed class LiveTargetTests : ContractTestBase
{
    [SetUp]
    public void RequireLiveAccount()
    {
        if (!LiveSettings.IsConfigured)
        {
            Assert.Ignore(LiveSettings.MissingMessage);
        }
    }

    [Test]
    public async Task Target_LiveVariables_TheSdkActsOnThatAccountAtTheRealHost()
    {
        var service = await CreateServiceAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(IsLive, Is.True);
            Assert.That(service.AccountSid, Is.EqualTo(LiveSettings.AccountSid));
            Assert.That(service.Url.Host, Is.EqualTo("serverless.twilio.com"), "no host is rewritten");
        }
    }
}
