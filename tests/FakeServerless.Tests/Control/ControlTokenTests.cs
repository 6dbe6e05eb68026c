using System.Net.Http.Headers;
using FakeServerless.Tests.Wire;

namespace FakeServerless.Tests.Control;

public sealed class ControlTokenTests : ControlTestBase
{
    private const string Token = "s3cret-token";

    protected override FakeServerlessOptions Configure(FakeServerlessOptions options)
    {
        options.ControlToken = Token;
        return options;
    }

    [Test]
    public async Task Handle_NoToken_401BearerChallenge()
    {
        var response = await Control.PostAsync("/_fake/reset", null);

        var error = await TwilioErrorBody.ReadAsync(response, 401, 20003);
        Assert.That(response.Headers.WwwAuthenticate.Single().Scheme, Is.EqualTo("Bearer"));
        Assert.That(error.Message, Does.Contain("Bearer"));
    }

    [Test]
    public async Task Handle_WrongToken_401()
    {
        Control.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");

        await TwilioErrorBody.ReadAsync(await Control.GetAsync("/_fake/health"), 401, 20003);
    }

    [Test]
    public async Task Handle_BasicAuthInsteadOfToken_401()
    {
        Control.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("AC00000000000000000000000000000001:fake-auth-token"u8.ToArray()));

        await TwilioErrorBody.ReadAsync(await Control.GetAsync("/_fake/health"), 401, 20003);
    }

    [Test]
    public async Task Handle_RightToken_Answers()
    {
        Control.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        var health = await GetJsonAsync("/_fake/health");

        Assert.That(health["status"]!.GetValue<string>(), Is.EqualTo("ok"));
    }

    [TestCase("bearer")]
    [TestCase("BEARER")]
    [TestCase("Bearer")]
    public async Task Handle_SchemeInAnyCase_Answers(string scheme)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_fake/health");
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {Token}");

        var response = await Control.SendAsync(request);

        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
    }

    [TestCase("Bearer" + Token)]
    [TestCase("Bearers " + Token)]
    [TestCase(Token)]
    public async Task Handle_MalformedBearer_401(string header)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/_fake/health");
        request.Headers.TryAddWithoutValidation("Authorization", header);

        await TwilioErrorBody.ReadAsync(await Control.SendAsync(request), 401, 20003);
    }

    [Test]
    public async Task Handle_TokenSet_TwilioApiStillUsesBasicAuth()
    {
        var response = await TwilioHttp().GetAsync("/v1/Services");

        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
    }
}
