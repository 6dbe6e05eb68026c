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

    [Test]
    public async Task MapFunction_ScopedToATenantAccount_OnlyThatAccountsDomainsAnswer()
    {
        await using var fake = FakeServerlessServer.StartInMemory();
        const string tenantAccountSid = "AC0000000000000000000000000000a0a0";
        var tenant = fake.Seed(tenantAccountSid).ServiceLiveIn("production", o => o.FunctionPaths = ["/sms/reply"]);
        var other = fake.Seed().ServiceLiveIn("production", o => o.FunctionPaths = ["/sms/reply"]);
        using var scope = fake.CreateScope("a test");
        var mine = fake.Seed(scope.AccountSid).ServiceLiveIn("production", o => o.FunctionPaths = ["/sms/reply"]);
        Func<FunctionRequest, FunctionConsole, FunctionResponse> handler = (_, _) => FunctionResponse.TwiML("<Response/>");
        Func<FunctionRequest, FunctionConsole, FunctionResponse> testsHandler = (_, _) => FunctionResponse.Text("the test's");

        fake.MapFunction("/sms/reply", handler, scope: tenantAccountSid);   // or an Environment SID, or a domain name
        scope.MapFunction("/sms/reply", testsHandler);                      // a test's scope: its own account, forgotten with it

        using var client = fake.CreateHttpClient();
        Assert.That(await client.GetStringAsync($"https://{tenant.Environment("production").DomainName}/sms/reply"), Is.EqualTo("<Response/>"));
        Assert.That(await client.GetStringAsync($"https://{mine.Environment("production").DomainName}/sms/reply"), Is.EqualTo("the test's"));
        Assert.That(await client.GetStringAsync($"https://{other.Environment("production").DomainName}/sms/reply"), Does.Contain("function_sid"));
    }

    [Test]
    public async Task SignDomainRequest_ProtectedFunction_SignedServedUnsigned403()
    {
        await using var fake = FakeServerlessServer.StartInMemory();
        var scenario = fake.Seed().ServiceLiveIn("production", o =>
        {
            o.FunctionPaths = ["/admin/report"];
            o.FunctionVisibility = Visibility.Protected;
        });
        var production = scenario.Environment("production");
        fake.MapFunction("/admin/report", (request, _) => FunctionResponse.Text($"report for {request.Parameters["To"]}"));
        var unsigned = await fake.CreateHttpClient().PostAsync($"https://{production.DomainName}/admin/report?day=1", new FormUrlEncodedContent([new("To", "+15550001111")]));

        var url = $"https://{production.DomainName}/admin/report?day=1";
        var form = new Dictionary<string, string> { ["To"] = "+15550001111" };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", fake.SignDomainRequest(url, form));   // HMAC-SHA1 keyed by fake.AuthToken
        var response = await fake.CreateHttpClient().SendAsync(request);                // 200; without the header, 403
        var signedByTheClient = await fake.CreateSigningHttpClient().PostAsync(url, new FormUrlEncodedContent(form));

        Assert.That((int)unsigned.StatusCode, Is.EqualTo(403));
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("report for +15550001111"));
        Assert.That((int)signedByTheClient.StatusCode, Is.EqualTo(200));
    }
}
