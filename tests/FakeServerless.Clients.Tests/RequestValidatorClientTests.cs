using System.Text.Json;
using FakeServerless.Clients.Tests.Installs;

namespace FakeServerless.Clients.Tests;

/// <summary>
/// Other languages sign requests to protected functions with their Twilio SDK: the Node SDK's
/// <c>getExpectedTwilioSignature</c> and the Python SDK's <c>RequestValidator.compute_signature</c> compute a signature the fake
/// accepts (a form POST to a protected function, sent through the proxy), and each SDK's validator accepts the fake's own
/// <c>SignDomainRequest</c>. The key is the fake's auth token.
/// </summary>
[Category("RealClients")]
[Parallelizable(ParallelScope.All)]
public sealed class RequestValidatorClientTests
{
    private const string NodeScript = """
        const twilio = require('twilio');
        const [token, url, params, fakeSignature] = process.argv.slice(1);
        const p = JSON.parse(params);
        console.log(JSON.stringify({ signature: twilio.getExpectedTwilioSignature(token, url, p), validates: twilio.validateRequest(token, fakeSignature, url, p) }));
        """;

    private const string PythonScript = """
        import json, sys
        from twilio.request_validator import RequestValidator
        token, url, params, fake_signature = sys.argv[1:]
        v = RequestValidator(token)
        p = json.loads(params)
        print(json.dumps({"signature": v.compute_signature(url, p), "validates": v.validate(url, p, fake_signature)}))
        """;

    [Test]
    public async Task NodeSdk_SignatureOfAProtectedFormPost_AcceptedAndItValidatesTheFakes()
    {
        var modules = await ClientInstalls.NodeSdkAsync();
        await AssertSdkAgreesAsync(ClientInstalls.Command("node", "-e", NodeScript), modules);
    }

    [Test]
    [Platform(Include = "Linux", Reason = "Debian's python3-twilio.")]
    public async Task PythonSdk_SignatureOfAProtectedFormPost_AcceptedAndItValidatesTheFakes()
    {
        var python = await ClientInstalls.PythonSdkAsync();
        await AssertSdkAgreesAsync(ClientInstalls.Command(python, "-c", PythonScript), nodePath: null);
    }

    private static async Task AssertSdkAgreesAsync(System.Diagnostics.ProcessStartInfo start, string? nodePath)
    {
        using var proxy = new ProxyFake();
        var account = proxy.Fake.Account();
        var service = account.CreateService("signed");
        var environment = account.CreateEnvironment(service.Sid, "dev", "dev");
        var function = account.CreateFunction(service.Sid, "sms");
        var version = account.CreateFunctionVersion(service.Sid, function.Sid, "/sms/reply", "exports.handler = () => {};", Visibility.Protected);
        account.Deploy(service.Sid, environment.Sid, account.CreateBuild(service.Sid, [version.Sid]).Sid);
        proxy.Fake.MapFunction("/sms/reply", (request, _) => FunctionResponse.TwiML($"<Response><Message>{request.Parameters["Body"]}</Message></Response>"));
        var url = $"https://{environment.DomainName}/sms/reply?attempt=1";
        var form = new Dictionary<string, string> { ["From"] = "+15550002222", ["Body"] = "hello é", ["To"] = "+15550001111" };

        foreach (var argument in new[] { proxy.Fake.AuthToken, url, JsonSerializer.Serialize(form), proxy.Fake.SignDomainRequest(url, form) })
        {
            start.ArgumentList.Add(argument);
        }

        if (nodePath is not null)
        {
            start.Environment["NODE_PATH"] = nodePath;
        }

        var (exit, output) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(1));
        Assert.That(exit, Is.Zero, output);
        using var answer = JsonDocument.Parse(output);
        var sdkSignature = answer.RootElement.GetProperty("signature").GetString()!;

        using var http = proxy.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("X-Twilio-Signature", sdkSignature);
        using var response = await http.SendAsync(request);

        Assert.That(answer.RootElement.GetProperty("validates").GetBoolean(), Is.True, "the SDK validates the fake's signature");
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("<Response><Message>hello é</Message></Response>"));
    }
}
