using System.Net.Http.Headers;
using System.Text;
using FakeServerless.State;
using FakeServerless.Wire;

namespace FakeServerless.Tests.Wire;

/// <summary>The form and query parser both transports share: what Twilio's clients send must read back exactly.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class FormParserTests
{
    [Test]
    public void ParseUrlEncoded_RepeatedKeys_KeepsEveryValueInOrder()
    {
        var form = Parse("FunctionVersions=ZN1&AssetVersions=ZN2&FunctionVersions=ZN3&FunctionVersions=ZN1");

        Assert.That(form.GetAll("FunctionVersions"), Is.EqualTo(new[] { "ZN1", "ZN3", "ZN1" }));
        Assert.That(form.GetAll("AssetVersions"), Is.EqualTo(new[] { "ZN2" }));
        Assert.That(form.Get("FunctionVersions"), Is.EqualTo("ZN1"));
    }

    [TestCase("FriendlyName=My+Service", "My Service")]
    [TestCase("FriendlyName=a+%2B+b", "a + b")]
    [TestCase("FriendlyName=%2B%2B", "++")]
    [TestCase("FriendlyName=%20lead", " lead")]
    [TestCase("FriendlyName=caf%C3%A9+%E2%9C%93", "café ✓")]
    [TestCase("FriendlyName=a%3Db%26c", "a=b&c")]
    [TestCase("FriendlyName=x=y=z", "x=y=z")]
    [TestCase("FriendlyName=100%25", "100%")]
    [TestCase("FriendlyName=%5B%7B%22name%22%3A%22twilio%22%7D%5D", "[{\"name\":\"twilio\"}]")]
    public void ParseUrlEncoded_EncodedValue_Decodes(string text, string expected)
    {
        Assert.That(Parse(text).Get("FriendlyName"), Is.EqualTo(expected));
    }

    [Test]
    public void ParseUrlEncoded_EncodedKey_Decodes()
    {
        var form = Parse("Friendly%4Eame=x&Unique+Name=y");

        Assert.That(form.Get("FriendlyName"), Is.EqualTo("x"));
        Assert.That(form.Get("Unique Name"), Is.EqualTo("y"));
    }

    [TestCase("Value=%", "%")]
    [TestCase("Value=100%", "100%")]
    [TestCase("Value=%ZZ", "%ZZ")]
    [TestCase("Value=%4", "%4")]
    [TestCase("Value=a%G1b", "a%G1b")]
    [TestCase("Value=%%41", "%A")]
    public void ParseUrlEncoded_MalformedPercent_KeptLiterallyWithoutThrowing(string text, string expected)
    {
        Assert.That(Parse(text).Get("Value"), Is.EqualTo(expected));
    }

    [TestCase("Value=%E2%9C")]
    [TestCase("Value=%FF%FE")]
    [TestCase("Value=%C3")]
    [TestCase("Value=%ED%A0%80")]
    public void ParseUrlEncoded_InvalidUtf8Escapes_DoesNotThrow(string text)
    {
        Assert.That(() => Parse(text), Throws.Nothing);
        Assert.That(Parse(text).Get("Value"), Is.Not.Null);
    }

    [Test]
    public void ParseUrlEncoded_EmptyValuesAndBareKeys_AreEmptyStrings()
    {
        var form = Parse("Key=&Value&Other=1");

        Assert.That(form.Get("Key"), Is.EqualTo(string.Empty));
        Assert.That(form.Get("Value"), Is.EqualTo(string.Empty));
        Assert.That(form.Get("Other"), Is.EqualTo("1"));
    }

    [Test]
    public void ParseUrlEncoded_EmptyPairsAndEmptyKeys_AreSkipped()
    {
        var form = Parse("&&=orphan&a=1&&=&");

        Assert.That(form.Values.Keys, Is.EqualTo(new[] { "a" }));
    }

    [TestCase("?PageSize=5&Page=1")]
    [TestCase("PageSize=5&Page=1")]
    public void ParseUrlEncoded_QueryWithOrWithoutQuestionMark_ReadsTheSame(string query)
    {
        var form = Parse(query);

        Assert.That((form.Get("PageSize"), form.Get("Page")), Is.EqualTo(("5", "1")));
    }

    [Test]
    public void ParseUrlEncoded_KeysAreCaseSensitive()
    {
        var form = Parse("pagesize=5");

        Assert.That(form.Get("PageSize"), Is.Null);
        Assert.That(form.Get("pagesize"), Is.EqualTo("5"));
    }

    [Test]
    public void ParseUrlEncoded_Empty_NoValues()
    {
        Assert.That(Parse(string.Empty).Values, Is.Empty);
        Assert.That(Parse("?").Values, Is.Empty);
    }

    [TestCase("application/x-www-form-urlencoded")]
    [TestCase("application/x-www-form-urlencoded; charset=utf-8")]
    [TestCase("APPLICATION/X-WWW-FORM-URLENCODED")]
    public async Task ParseBodyAsync_UrlEncoded_ReadsPairs(string contentType)
    {
        var form = new FormData();
        await FormParser.ParseBodyAsync(contentType, "UniqueName=shop&FriendlyName=The+Shop"u8.ToArray(), form);

        Assert.That((form.Get("UniqueName"), form.Get("FriendlyName")), Is.EqualTo(("shop", "The Shop")));
    }

    [TestCase(null)]
    [TestCase("application/json")]
    [TestCase("text/plain")]
    [TestCase("")]
    public async Task ParseBodyAsync_NotAForm_NoParameters(string? contentType)
    {
        var form = new FormData();
        await FormParser.ParseBodyAsync(contentType, "UniqueName=shop"u8.ToArray(), form);

        Assert.That(form.Values, Is.Empty);
        Assert.That(form.Files, Is.Empty);
    }

    [Test]
    public async Task ParseBodyAsync_EmptyBody_NoParameters()
    {
        var form = new FormData();
        await FormParser.ParseBodyAsync("multipart/form-data; boundary=x", [], form);

        Assert.That(form.Values, Is.Empty);
    }

    [Test]
    public async Task ParseBodyAsync_Multipart_ReadsFieldsAndFiles()
    {
        var file = new ByteArrayContent([0x00, 0xff, 0x10]);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var content = new MultipartFormDataContent("boundary-123")
        {
            { new StringContent("/logo.png"), "Path" },
            { new StringContent("public"), "Visibility" },
            { file, "Content", "logo.png" },
        };
        var body = await content.ReadAsByteArrayAsync();

        var form = new FormData();
        await FormParser.ParseBodyAsync(content.Headers.ContentType!.ToString(), body, form);

        Assert.That((form.Get("Path"), form.Get("Visibility")), Is.EqualTo(("/logo.png", "public")));
        var uploaded = form.GetFile("Content");
        Assert.That(uploaded, Is.Not.Null);
        Assert.That((uploaded!.FileName, uploaded.ContentType), Is.EqualTo(("logo.png", "image/png")));
        Assert.That(uploaded.Content, Is.EqualTo(new byte[] { 0x00, 0xff, 0x10 }));
    }

    [TestCase("multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n")]
    [TestCase("multipart/form-data; boundary=", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n")]
    [TestCase("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1")]
    [TestCase("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\nno blank line then end")]
    [TestCase("multipart/form-data; boundary=x", "garbage without any boundary")]
    public void ParseBodyAsync_BrokenMultipart_400Invalid(string contentType, string body)
    {
        var ex = Assert.ThrowsAsync<ServerlessException>(() => FormParser.ParseBodyAsync(contentType, Encoding.UTF8.GetBytes(body), new FormData()));

        Assert.That((ex!.Status, ex.Code), Is.EqualTo((400, 20001)));
    }

    private static FormData Parse(string text)
    {
        var form = new FormData();
        FormParser.ParseUrlEncoded(text, form);
        return form;
    }
}
