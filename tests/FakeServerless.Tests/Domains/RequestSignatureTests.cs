using System.Net;
using System.Security.Cryptography;
using System.Text;
using FakeServerless.Tests.Support;
using Twilio.Security;
using SystemHttpClient = System.Net.Http.HttpClient;

namespace FakeServerless.Tests.Domains;

/// <summary>
/// Protected functions and assets need a valid <c>X-Twilio-Signature</c>, computed as Twilio does (HMAC-SHA1 with the auth token
/// over the public https URL plus a form POST's sorted parameters); the official Twilio C# SDK's <see cref="RequestValidator"/>
/// validates the signatures the fake makes. Sent through the fake's client (port or in memory) and over the port (or the
/// in-memory handler) with only a Host header.
/// </summary>
[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class RequestSignatureTests(FakeServerlessTransport transport) : FakeTestBase(transport)
{
    private const string OtherAccount = "AC0000000000000000000000000000a0a0";

    private SystemHttpClient Curl => _curl ??= Fake.CreateHttpClient();

    private SystemHttpClient? _curl;

    [TestCase("/secure-fn")]
    [TestCase("/secure.txt")]
    public async Task Get_Protected_MissingSignature403InvalidSignature403ValidSignatureServed(string path)
    {
        var domain = Deploy();
        var url = $"https://{domain}{path}?to=%2B15550001111&n=1";

        var missing = await Curl.GetAsync(url);
        var bogus = await SendAsync(Curl, HttpMethod.Get, url, "c2lnbmF0dXJl");
        var forOtherUrl = await SendAsync(Curl, HttpMethod.Get, url, Fake.SignDomainRequest($"https://{domain}{path}?to=%2B15550001111&n=2"));
        var valid = await SendAsync(Curl, HttpMethod.Get, url, Fake.SignDomainRequest(url));

        Assert.Multiple(async () =>
        {
            Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await missing.Content.ReadAsStringAsync(), Does.Contain("needs an X-Twilio-Signature").And.Contain($"https://{domain}{path}?to=%2B15550001111&n=1"));
            Assert.That(bogus.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await bogus.Content.ReadAsStringAsync(), Does.Contain("does not match").And.Not.Contain("secret"));
            Assert.That(forOtherUrl.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the query is signed");
            Assert.That(valid.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await valid.Content.ReadAsStringAsync(), Does.Contain(path == "/secure.txt" ? "members only" : "secure-fn"));
        });
    }

    [Test]
    public async Task Post_ProtectedForm_ParametersAreSignedInAnyBodyOrder()
    {
        var domain = Deploy();
        var url = $"https://{domain}/secure-fn";
        KeyValuePair<string, string>[] form = [new("To", "+15550001111"), new("Body", "hi there"), new("From", "+15550002222")];
        var signature = Fake.SignDomainRequest(url, form);

        var signed = await SendAsync(Curl, HttpMethod.Post, url, signature, form);
        var reordered = await SendAsync(Curl, HttpMethod.Post, url, signature, [form[2], form[0], form[1]]);
        var tampered = await SendAsync(Curl, HttpMethod.Post, url, signature, [form[0], new("Body", "changed"), form[2]]);
        var extra = await SendAsync(Curl, HttpMethod.Post, url, signature, [.. form, new("Extra", "1")]);

        Assert.That(
            new[] { signed.StatusCode, reordered.StatusCode, tampered.StatusCode, extra.StatusCode },
            Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden }));
    }

    [Test]
    public async Task RequestValidator_TwilioCSharpSdk_ValidatesTheFakesSignatures()
    {
        var domain = Deploy();
        var validator = new RequestValidator(Fake.AuthToken);
        var random = new Random(20260714);
        const string alphabet = "abcXYZ019 +&=%é✓-_.~";
        string Text(int length) => new([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);

        for (var i = 0; i < 200; i++)
        {
            var url = $"https://{domain}/secure-fn?q={Uri.EscapeDataString(Text(random.Next(8)))}";
            var parameters = Enumerable.Range(0, random.Next(5)).ToDictionary(n => $"{Text(3)}{n}", _ => Text(random.Next(10)));
            var signature = Fake.SignDomainRequest(url, parameters);

            Assert.That(validator.Validate(url, parameters, signature), Is.True, $"{url} {string.Join("&", parameters)}");
            Assert.That(new RequestValidator("another-token").Validate(url, parameters, signature), Is.False);
        }

        var form = new Dictionary<string, string> { ["Body"] = "ok", ["From"] = "+15550002222" };
        var sent = await SendAsync(Curl, HttpMethod.Post, $"https://{domain}/secure-fn", Fake.SignDomainRequest($"https://{domain}/secure-fn", form), [.. form]);
        Assert.That(sent.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Get_OverThePortWithHostHeader_TheSignatureCoversThePublicHttpsUrl()
    {
        // curl -H "Host: {domain}" http://127.0.0.1:{port}/secure-fn: the client signs https://{domain}/secure-fn, the URL Twilio
        // signs, not the address the request travels to.
        var domain = Deploy();
        using var plain = Transport == FakeServerlessTransport.Http ? new SystemHttpClient() : Fake.CreateHttpClient();
        var publicUrl = $"https://{domain}/secure-fn?x=1";

        async Task<HttpStatusCode> Send(string signature)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Fake.Url, "/secure-fn?x=1"));
            request.Headers.Host = domain;
            request.Headers.Add("X-Twilio-Signature", signature);
            return (await plain.SendAsync(request)).StatusCode;
        }

        var forPublicUrl = await Send(Fake.SignDomainRequest(publicUrl));
        var withDefaultPort = await Send(Sign($"https://{domain}:443/secure-fn?x=1"));
        var forHttpUrl = await Send(Sign($"http://{domain}/secure-fn?x=1"));
        var forPortUrl = await Send(Sign(new Uri(Fake.Url, "/secure-fn?x=1").ToString()));

        Assert.That((forPublicUrl, withDefaultPort), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)), "with and without :443, as Twilio's validators accept");
        Assert.That((forHttpUrl, forPortUrl), Is.EqualTo((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)));
    }

    [Test]
    public async Task Get_DomainOfAnotherAccount_SignedWithTheFakesAuthToken()
    {
        var domain = Deploy(OtherAccount);

        var withFakeToken = await SendAsync(Curl, HttpMethod.Get, $"https://{domain}/secure-fn", Fake.SignDomainRequest($"https://{domain}/secure-fn"));
        var withOtherToken = await SendAsync(Curl, HttpMethod.Get, $"https://{domain}/secure-fn", Sign($"https://{domain}/secure-fn", "the-token-that-account-used"));

        Assert.That((withFakeToken.StatusCode, withOtherToken.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.Forbidden)));
    }

    [Test]
    public async Task Post_ProtectedJsonWithBodySha256_TheHashMustMatchTheBody()
    {
        var domain = Deploy();
        const string json = """{"event":"ping"}""";
        var url = $"https://{domain}/secure-fn?bodySHA256={Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))}";

        async Task<HttpStatusCode> Post(string body)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("X-Twilio-Signature", Fake.SignDomainRequest(url));
            return (await Curl.SendAsync(request)).StatusCode;
        }

        Assert.That((await Post(json), await Post("""{"event":"pong"}""")), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.Forbidden)));
        Assert.That(new RequestValidator(Fake.AuthToken).Validate(url, json, Fake.SignDomainRequest(url)), Is.True, "Twilio's validateRequestWithBody agrees");
    }

    [Test]
    public async Task CreateSigningHttpClient_ProtectedGetAndFormPost_Served()
    {
        var domain = Deploy();
        using var signing = Fake.CreateSigningHttpClient();

        var get = await signing.GetAsync($"https://{domain}/secure.txt?v=2");
        var post = await signing.PostAsync($"https://{domain}/secure-fn", new FormUrlEncodedContent([new("b", "2"), new("a", "1"), new("a", "0")]));
        var privateAsset = await signing.GetAsync($"https://{domain}/hidden.txt");

        Assert.That((get.StatusCode, post.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));
        Assert.That(privateAsset.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a signature never opens a private asset");
    }

    [Test]
    public async Task Get_PublicWithBogusSignature_ServedAsIfUnsigned()
    {
        var domain = Deploy();

        var response = await SendAsync(Curl, HttpMethod.Get, $"https://{domain}/open.txt", "bogus");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("http://127.0.0.1:4010/secure-fn")]
    [TestCase("https://serverless.twilio.com/v1/Services")]
    [TestCase("/secure-fn")]
    public void SignDomainRequest_NotADomainUrl_ThrowsSayingWhatToSign(string url)
    {
        var error = Assert.Throws<ArgumentException>(() => Fake.SignDomainRequest(url));

        Assert.That(error!.Message, Does.Contain("https://{domain_name}/path"));
    }

    /// <summary>What a client computes for a URL exactly as given (Twilio's algorithm, written out here on purpose).</summary>
    private string Sign(string url, string? token = null) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(token ?? Fake.AuthToken), Encoding.UTF8.GetBytes(url)));

    private static async Task<HttpResponseMessage> SendAsync(SystemHttpClient client, HttpMethod method, string url, string signature, IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-Twilio-Signature", signature);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        return await client.SendAsync(request);
    }

    /// <summary>A live build with a protected function and asset, a private asset and a public one; answers its domain.</summary>
    private string Deploy(string? accountSid = null)
    {
        var account = Fake.Account(accountSid);
        var service = account.CreateService("signed");
        var environment = account.CreateEnvironment(service.Sid, "dev", "dev");
        var function = account.CreateFunction(service.Sid, "secure");
        var functionVersion = account.CreateFunctionVersion(service.Sid, function.Sid, "/secure-fn", "exports.handler = () => {};", Visibility.Protected);
        string Asset(string path, string content, Visibility visibility) =>
            account.CreateAssetVersion(service.Sid, account.CreateAsset(service.Sid, path).Sid, path, Encoding.UTF8.GetBytes(content), "text/plain", visibility).Sid;

        var assets = new[] { Asset("/secure.txt", "members only", Visibility.Protected), Asset("/hidden.txt", "x", Visibility.Private), Asset("/open.txt", "hello", Visibility.Public) };
        account.Deploy(service.Sid, environment.Sid, account.CreateBuild(service.Sid, [functionVersion.Sid], assets).Sid);
        return environment.DomainName;
    }
}
