using System.Text;
using Bogus;

namespace FakeServerless;

/// <summary>Realistic names, paths and file contents for seeded scenarios, drawn from a seeded Bogus <see cref="Faker"/>.</summary>
internal static class ScenarioContent
{
    private static readonly string[] FunctionPathPool =
    [
        "/sms/reply", "/sms/auto-responder", "/voice/incoming", "/voice/ivr-menu", "/calls/forward",
        "/api/send-otp", "/api/verify-otp", "/webhooks/status-callback", "/token", "/conversations/on-message-added",
    ];

    private static readonly (string Slug, string Title)[] Apps =
    [
        ("sms-bot", "SMS Bot"), ("ivr", "IVR"), ("notifications", "Notifications"), ("webhooks", "Webhooks"),
        ("support-line", "Support Line"), ("appointments", "Appointment Reminders"), ("verify", "Verify"),
    ];

    public static IReadOnlyList<string> DefaultAssetPaths { get; } = ["/index.html", "/style.css"];

    /// <summary>A company and a kind of app, e.g. <c>("Wolff LLC", "wolff-llc-sms-bot", "Wolff LLC SMS Bot")</c>; the name fits Twilio's rules.</summary>
    public static (string Company, string UniqueName, string FriendlyName) Service(Faker faker)
    {
        var company = faker.Company.CompanyName(0);
        var (app, title) = faker.PickRandom(Apps);
        var slug = Slug(company);
        var room = 50 - app.Length - 1;
        slug = slug.Length > room ? slug[..room].TrimEnd('-') : slug;
        return (company, slug.Length == 0 ? app : $"{slug}-{app}", $"{company} {title}");
    }

    public static IReadOnlyList<string> FunctionPaths(Faker faker) =>
        faker.PickRandom(FunctionPathPool, faker.Random.Int(2, 3)).ToArray();

    public static string DomainSuffixFor(string environment)
    {
        if (string.Equals(environment, "production", StringComparison.OrdinalIgnoreCase))
        {
            return string.Empty;
        }

        var slug = Slug(environment);
        return slug.Length > 16 ? slug[..16].TrimEnd('-') : slug;
    }

    public static string FriendlyNameOf(string path) => path.Trim('/').Replace('/', '-');

    public static string FunctionCode(Faker faker, string path, string company)
    {
        var greeting = Js($"Thanks for contacting {company}! {faker.Company.CatchPhrase()}.");
        switch (path.Trim('/').Split('/')[0].ToLowerInvariant())
        {
            case "sms" or "messages" or "conversations" or "whatsapp":
                return $$"""
                    exports.handler = function (context, event, callback) {
                      const twiml = new Twilio.twiml.MessagingResponse();
                      twiml.message(context.GREETING || '{{greeting}}');
                      callback(null, twiml);
                    };

                    """;
            case "voice" or "calls" or "ivr":
                return $$"""
                    exports.handler = function (context, event, callback) {
                      const twiml = new Twilio.twiml.VoiceResponse();
                      twiml.say('{{greeting}}');
                      twiml.dial(context.SUPPORT_PHONE || '{{faker.Phone.PhoneNumber("+1555#######")}}');
                      callback(null, twiml);
                    };

                    """;
            case "webhooks" or "callbacks" or "status":
                return """
                    exports.handler = function (context, event, callback) {
                      console.log(`${event.MessageSid || event.CallSid}: ${event.MessageStatus || event.CallStatus}`);
                      callback(null, {});
                    };

                    """;
            default:
                return $$"""
                    exports.handler = async function (context, event, callback) {
                      const response = new Twilio.Response();
                      response.appendHeader('Content-Type', 'application/json');
                      response.setBody({ ok: true, path: '{{Js(path)}}', message: '{{Js(faker.Company.CatchPhrase())}}' });
                      return callback(null, response);
                    };

                    """;
        }
    }

    public static string AssetText(Faker faker, string path, string company)
    {
        switch (Extension(path))
        {
            case ".html":
                return $"""
                    <!DOCTYPE html>
                    <html lang="en">
                    <head>
                      <meta charset="utf-8">
                      <title>{Html(company)}</title>
                      <link rel="stylesheet" href="/style.css">
                    </head>
                    <body>
                      <h1>{Html(company)}</h1>
                      <p>{Html(faker.Company.CatchPhrase())}.</p>
                    </body>
                    </html>

                    """;
            case ".css":
                return $$"""
                    body { font-family: system-ui, sans-serif; margin: 2rem; color: {{faker.Internet.Color()}}; }
                    h1 { color: {{faker.Internet.Color()}}; }

                    """;
            case ".js":
                return $"console.log('{Js(faker.Hacker.Phrase())}');\n";
            case ".json":
                return System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["company"] = company, ["motto"] = faker.Company.CatchPhrase() }) + "\n";
            default:
                return faker.Lorem.Sentence() + "\n";
        }
    }

    public static string ContentTypeOf(string path) => Extension(path) switch
    {
        ".html" or ".htm" => "text/html",
        ".css" => "text/css",
        ".js" => "application/javascript",
        ".json" => "application/json",
        ".svg" => "image/svg+xml",
        ".txt" => "text/plain",
        ".xml" => "application/xml",
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".ico" => "image/x-icon",
        _ => "application/octet-stream",
    };

    /// <summary>The variables every environment shares; the seeder adds <c>APP_ENV</c> per environment.</summary>
    public static Dictionary<string, string> Variables(Faker faker, string company) => new(StringComparer.Ordinal)
    {
        ["GREETING"] = $"Thanks for contacting {company}!",
        ["SUPPORT_EMAIL"] = faker.Internet.ExampleEmail(),
        ["SUPPORT_PHONE"] = faker.Phone.PhoneNumber("+1555#######"),
    };

    /// <summary>Lower-case letters and digits joined by single dashes, with no dash at either end.</summary>
    public static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().Trim('-');
    }

    private static string Extension(string path) => System.IO.Path.GetExtension(path).ToLowerInvariant();

    private static string Js(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);

    private static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);
}
