using System.Text.Json.Nodes;
using FakeServerless.Tests.Support;
using OpenQA.Selenium;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Tests.Control;

/// <summary>
/// The dashboard in a real browser (headless Chromium from the OS, driven by Selenium) while the Twilio SDK changes the
/// fake: the page must follow by itself (it polls every second). Screenshots land in the test work directory's
/// <c>screenshots/</c> folder and are attached to the result.
/// </summary>
[Category(TestCategories.Browser)]
[NonParallelizable] // one Chromium at a time is plenty on a small CI machine
public sealed class DashboardBrowserTests : ControlTestBase
{
    [Test]
    public async Task Page_SdkDeploysThenClears_ShowsLiveBuildThenTheClear()
    {
        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", client: Twilio);
        var environment = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "staging", domainSuffix: "stage", client: Twilio);
        var function = Fake.Account().CreateFunction(service.Sid, "reply");
        var version = Fake.Account().CreateFunctionVersion(service.Sid, function.Sid, "/sms/reply", "exports.handler = () => {}");
        var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [version.Sid], client: Twilio);
        var deployment = await DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid, client: Twilio);
        using var chromium = new HeadlessChromium();
        var page = chromium.Driver;

        page.Navigate().GoToUrl(new Uri(Fake.Url, "/_fake/"));
        var live = chromium.WaitFor("the live build", d => LiveBuild(d, environment.Sid) is { Length: > 0 } text ? text : null);
        var row = page.FindElement(By.CssSelector($"tr[data-environment='{environment.Sid}']"));

        Assert.That(live, Is.EqualTo(build.Sid));
        Assert.That(row.Text, Does.Contain(environment.DomainName));
        Assert.That(row.FindElements(By.CssSelector("li.deployment")).Select(li => li.GetAttribute("data-deployment")), Is.EqualTo(new[] { deployment.Sid }));
        Assert.That(page.FindElement(By.CssSelector($"tr[data-build='{build.Sid}'] .build-status")).Text, Is.EqualTo("completed"));
        Assert.That(page.FindElement(By.CssSelector($"tr[data-build='{build.Sid}']")).Text, Does.Contain("/sms/reply " + version.Sid));
        chromium.Screenshot("dashboard-deployed");

        var clearing = await DeploymentResource.CreateAsync(service.Sid, environment.Sid, client: Twilio);
        chromium.WaitFor("the clear", d => d.FindElements(By.CssSelector($"li.deployment.clear[data-deployment='{clearing.Sid}']")).Count == 1);

        Assert.That(LiveBuild(page, environment.Sid), Is.EqualTo("none (cleared)"));
        Assert.That(
            page.FindElement(By.CssSelector($"tr[data-environment='{environment.Sid}'] ol.history li")).Text,
            Does.StartWith($"{clearing.Sid} cleared"),
            "the newest deployment, the clear, is first");
        Assert.That(page.FindElement(By.Id("journal")).Text, Does.Contain("CreateDeployment"));
        chromium.Screenshot("dashboard-cleared");

        page.FindElement(By.CssSelector($"tr[data-build='{build.Sid}'] a[data-sid='{build.Sid}']")).Click();
        var json = chromium.WaitFor("the build's JSON", d => d.FindElement(By.Id("json-body")).Text is { Length: > 0 } text ? text : null);

        Assert.That(JsonNode.Parse(json)!["sid"]!.GetValue<string>(), Is.EqualTo(build.Sid));
        Assert.That(JsonNode.Parse(json)!["status"]!.GetValue<string>(), Is.EqualTo("Completed"));
        chromium.Screenshot("dashboard-json");
    }

    [Test]
    public async Task Page_ServiceNamedWithMarkup_ShowsTheNameAsText()
    {
        const string name = "<script>window.pwned = 1</script><img src=x onerror=\"window.pwned = 2\"> & \"Shop\"";
        var service = await ServiceResource.CreateAsync(uniqueName: "xss-shop", friendlyName: name, client: Twilio);
        await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "<b>prod</b>", client: Twilio);
        await PostAsync("/_fake/faults", """{"operation":"FetchService","status":503,"message":"<i>down</i>"}""");
        using var chromium = new HeadlessChromium();
        var page = chromium.Driver;

        page.Navigate().GoToUrl(new Uri(Fake.Url, "/_fake/"));
        var shown = chromium.WaitFor("the service's name", d => d.FindElements(By.CssSelector($"div[data-service='{service.Sid}'] .friendly-name")).FirstOrDefault()?.Text);
        chromium.WaitFor("the fault", d => d.FindElements(By.CssSelector("tr.fault")).Count == 1);

        Assert.That(shown, Is.EqualTo(name));
        Assert.That(page.FindElement(By.CssSelector("tr.environment")).Text, Does.StartWith("<b>prod</b>"));
        Assert.That(page.FindElement(By.CssSelector("tr.fault")).Text, Does.Contain("\"<i>down</i>\""));
        Assert.That(page.ExecuteScript("return typeof window.pwned"), Is.EqualTo("undefined"));
        Assert.That(page.FindElements(By.CssSelector("main script, main img, main b")), Is.Empty);
        chromium.Screenshot("dashboard-markup-in-names");
    }

    [Test]
    public async Task Page_ControlTokenSet_AsksForItThenShowsTheState()
    {
        await using var fake = FakeServerlessServer.Start(new FakeServerlessOptions { EnableControlApi = true, ControlToken = "s3cret" });
        var service = fake.Account().CreateService("guarded", "Guarded");
        using var chromium = new HeadlessChromium();
        var page = chromium.Driver;

        page.Navigate().GoToUrl(new Uri(fake.Url, "/_fake/"));
        chromium.WaitFor("the token form", d => d.FindElement(By.Id("token-form")).Displayed);
        var error = page.FindElement(By.Id("error")).Text;
        page.FindElement(By.Id("token")).SendKeys("s3cret");
        page.FindElement(By.CssSelector("#token-form button")).Click();
        chromium.WaitFor("the service", d => d.FindElements(By.CssSelector($"div[data-service='{service.Sid}']")).Count == 1);

        Assert.That(error, Does.Contain("token"));
        Assert.That(page.FindElement(By.Id("error")).Text, Is.Empty);
        Assert.That(page.FindElement(By.Id("token-form")).Displayed, Is.False);
    }

    [Test]
    public async Task Page_OnAnotherLocalOrigin_CannotInstallAFaultButTheDashboardStillRenders()
    {
        var log = new RecordingLoggerFactory();
        await using var fake = FakeServerlessServer.Start(new FakeServerlessOptions { EnableControlApi = true, LoggerFactory = log });
        var service = fake.Account().CreateService("target", "Target");
        await using var attacker = FakeServerlessServer.Start(); // another port of this machine: another origin
        var target = new Uri(fake.Url, "/_fake/faults");
        attacker.WireMock
            .Given(WireMock.RequestBuilders.Request.Create().WithPath("/attack").UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/html").WithBody($$"""
                <!DOCTYPE html><title>attack</title><script>
                fetch("{{target}}", { method: "POST", mode: "no-cors", headers: { "Content-Type": "text/plain" }, body: '{"status":503}' })
                  .then(() => { document.title = "sent"; }, e => { document.title = "failed " + e; });
                </script>
                """));
        using var chromium = new HeadlessChromium();
        var page = chromium.Driver;

        page.Navigate().GoToUrl(new Uri(attacker.Url, "/attack"));
        chromium.WaitFor("the attack's request", d => d.Title == "sent" ? d.Title : null);
        chromium.WaitFor("the fake's refusal in its log", _ => log.Lines.Any(l => l.Message.Contains("POST /_fake/faults 403", StringComparison.Ordinal)));
        page.Navigate().GoToUrl(new Uri(fake.Url, "/_fake/"));
        chromium.WaitFor("the service on the dashboard", d => d.FindElements(By.CssSelector($"div[data-service='{service.Sid}']")).Count == 1);

        Assert.That(fake.Faults.Rules, Is.Empty, "a simple cross-origin POST must not install a fault");
        chromium.Screenshot("dashboard-after-cross-origin-attempt");
    }

    private static string LiveBuild(IWebDriver page, string environmentSid) =>
        page.FindElement(By.CssSelector($"tr[data-environment='{environmentSid}'] td.live-build")).Text;
}
