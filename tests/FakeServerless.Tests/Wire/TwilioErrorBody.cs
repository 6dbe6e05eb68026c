using System.Text.Json;

namespace FakeServerless.Tests.Wire;

/// <summary>Reads a response that must be a Twilio error: JSON with exactly <c>code</c>, <c>message</c>, <c>more_info</c>, <c>status</c>.</summary>
internal sealed record TwilioErrorBody(int Code, string Message, string MoreInfo, int Status, string Raw)
{
    public static async Task<TwilioErrorBody> ReadAsync(HttpResponseMessage response, int expectedStatus, int expectedCode)
    {
        var raw = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(expectedStatus), raw);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"), raw);

        using var document = JsonDocument.Parse(raw);
        var root = document.RootElement;
        Assert.That(root.ValueKind, Is.EqualTo(JsonValueKind.Object), raw);
        Assert.That(root.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "code", "message", "more_info", "status" }), raw);
        Assert.Multiple(() =>
        {
            Assert.That(root.GetProperty("code").ValueKind, Is.EqualTo(JsonValueKind.Number), raw);
            Assert.That(root.GetProperty("status").ValueKind, Is.EqualTo(JsonValueKind.Number), raw);
            Assert.That(root.GetProperty("message").ValueKind, Is.EqualTo(JsonValueKind.String), raw);
            Assert.That(root.GetProperty("more_info").ValueKind, Is.EqualTo(JsonValueKind.String), raw);
        });

        var body = new TwilioErrorBody(
            root.GetProperty("code").GetInt32(),
            root.GetProperty("message").GetString()!,
            root.GetProperty("more_info").GetString()!,
            root.GetProperty("status").GetInt32(),
            raw);
        Assert.Multiple(() =>
        {
            Assert.That(body.Code, Is.EqualTo(expectedCode), raw);
            Assert.That(body.Status, Is.EqualTo(expectedStatus), raw);
            Assert.That(body.MoreInfo, Is.EqualTo($"https://www.twilio.com/docs/errors/{expectedCode}"), raw);
            Assert.That(body.Message, Is.Not.Empty, raw);
        });
        return body;
    }
}
