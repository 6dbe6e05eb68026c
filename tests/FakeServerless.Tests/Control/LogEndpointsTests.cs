using System.Net;
using FakeServerless.Tests.Wire;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Tests.Control;

/// <summary><c>POST /_fake/logs</c>: a Log record from any language, listed by the Twilio SDK like a function's console line.</summary>
public sealed class LogEndpointsTests : ControlTestBase
{
    private const string OtherAccount = "AC000000000000000000000000000000c3";

    [Test]
    public async Task Append_ToAnEnvironment_AnsweredAsTwiliosLogAndListedByTheSdk()
    {
        var scenario = Fake.Seed().ServiceLiveIn("staging", o => o.FunctionPaths = ["/sms/reply"]);
        var staging = scenario.Environment("staging");
        var function = scenario.Functions.Single().Function.Sid;

        var first = await ReadJsonAsync(await PostAsync("/_fake/logs", $$"""{"environment_sid":"{{staging.Sid}}","message":"sent an SMS"}"""), 201);
        var second = await ReadJsonAsync(await PostAsync("/_fake/logs",
            $$"""{"account_sid":"{{Fake.AccountSid}}","service_sid":"{{scenario.Service.UniqueName}}","environment_sid":"{{staging.Sid}}","message":"carrier slow","level":"warn","function_sid":"{{function}}"}"""), 201);

        var listed = (await LogResource.ReadAsync(scenario.Service.Sid, staging.Sid, client: Twilio)).ToList();
        Assert.That(listed.Select(l => (l.Sid, l.Level.ToString(), l.Message, l.FunctionSid)), Is.EqualTo(new[]
        {
            (second["sid"]!.GetValue<string>(), "warn", "carrier slow", function),
            (first["sid"]!.GetValue<string>(), "info", "sent an SMS", null),
        }));
        Assert.That(listed.Select(l => (l.BuildSid, l.DeploymentSid)), Is.All.EqualTo((scenario.Build.Sid, scenario.Deployments.Single().Sid)), "the live build and deployment");
        Assert.That(first["url"]!.GetValue<string>(), Does.EndWith($"/v1/Services/{scenario.Service.Sid}/Environments/{staging.Sid}/Logs/{first["sid"]}"));
    }

    [Test]
    public async Task Append_EnvironmentOfAnotherAccount_GoesToThatAccountUnlessAnotherAccountIsNamed()
    {
        var scenario = Fake.Seed(OtherAccount).ServiceLiveIn("staging");
        var staging = scenario.Environment("staging");

        var appended = await ReadJsonAsync(await PostAsync("/_fake/logs", $$"""{"environment_sid":"{{staging.Sid}}","message":"hi"}"""), 201);
        var wrongAccount = await PostAsync("/_fake/logs", $$"""{"account_sid":"{{Fake.AccountSid}}","environment_sid":"{{staging.Sid}}","message":"hi"}""");

        Assert.That(appended["account_sid"]!.GetValue<string>(), Is.EqualTo(OtherAccount));
        await TwilioErrorBody.ReadAsync(wrongAccount, 404, 20404);
        Assert.That(Fake.Snapshot(OtherAccount).Logs, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Append_UnknownEnvironment_404AndNothingWritten()
    {
        var response = await PostAsync("/_fake/logs", """{"environment_sid":"ZE00000000000000000000000000000999","message":"hi"}""");

        var error = await TwilioErrorBody.ReadAsync(response, 404, 20404);
        Assert.That(error.Message, Does.Contain("ZE00000000000000000000000000000999"));
        Assert.That(Fake.ExportState().Accounts, Is.Empty);
    }

    [TestCase("{}", "environment_sid is required")]
    [TestCase("""{"environment_sid":"ZS00000000000000000000000000000001","message":"m"}""", "environment_sid must be an Environment SID")]
    [TestCase("""{"environment_sid":"ZE00000000000000000000000000000001"}""", "message is required")]
    [TestCase("""{"environment_sid":"ZE00000000000000000000000000000001","message":"m","level":"debug"}""", "level must be one of info, warn, error")]
    [TestCase("""{"environment_sid":"ZE00000000000000000000000000000001","message":"m","function_sid":"ZN00000000000000000000000000000001"}""", "function_sid must be a Function SID")]
    [TestCase("""{"environment_sid":"ZE00000000000000000000000000000001","message":"m","account_sid":"nope"}""", "account_sid must be an Account SID")]
    [TestCase("""{"environment_sid":"ZE00000000000000000000000000000001","message":"m","time":1}""", "Unknown field 'time'")]
    public async Task Append_BadInput_400NamesTheField(string body, string message)
    {
        var error = await TwilioErrorBody.ReadAsync(await PostAsync("/_fake/logs", body), 400, 20001);

        Assert.That(error.Message, Does.Contain(message));
    }
}
