namespace FakeServerless.Examples.NUnit;

/// <summary>README, "Served functions": the snippet compiled and run; keep the two in step.</summary>
public sealed class ReadmeServedFunctionTests
{
    [Test]
    public async Task MapFunction_FunctionLiveOnItsDomain_HandlerAnswersAndLogs()
    {
        await using var fake = FakeServerlessServer.StartInMemory();
        var scenario = fake.Seed().ServiceLiveIn("production", o => o.FunctionPaths = ["/sms/reply"]);
        var production = scenario.Environment("production");

        fake.MapFunction("/sms/reply", (request, console) =>
        {
            console.Log($"reply to {request.Parameters["From"]}");      // becomes a Log record of the environment
            return FunctionResponse.TwiML("<Response><Message>Hi</Message></Response>");
        });

        using var response = await fake.CreateHttpClient().PostAsync(
            $"https://{production.DomainName}/sms/reply", new FormUrlEncodedContent(new Dictionary<string, string> { ["From"] = "+15550001111" }));

        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/xml"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("<Response><Message>Hi</Message></Response>"));
        var log = fake.Snapshot().Logs.Single();
        Assert.That(log.Message, Is.EqualTo("reply to +15550001111"));
        Assert.That(log.EnvironmentSid, Is.EqualTo(production.Sid));
        Assert.That(log.FunctionSid, Is.EqualTo(scenario.Functions.Single().Function.Sid));
    }

    [Test]
    public async Task MapFunction_HandlerReadsVariables_SeesTheEnvironmentsVariables()
    {
        await using var fake = FakeServerlessServer.StartInMemory();
        var scenario = fake.Seed().ServiceLiveIn("production", o =>
        {
            o.FunctionPaths = ["/greet"];
            o.Variables = new Dictionary<string, string> { ["GREETING"] = "Hello" };
        });
        fake.MapFunction("/greet", (request, _) => FunctionResponse.Text(request.Variables["GREETING"]));

        var body = await fake.CreateHttpClient().GetStringAsync($"https://{scenario.Environment("production").DomainName}/greet");

        Assert.That(body, Is.EqualTo("Hello"));
    }
}
