using FakeServerless.Messages;

namespace FakeServerless.Tests.Wire;

[Parallelizable(ParallelScope.All)]
public sealed class HeaderTextTests
{
    [TestCase("text/html")]
    [TestCase("text/html; charset=utf-8")]
    [TestCase("text/html;charset=utf-8")]
    [TestCase("application/vnd.api+json")]
    [TestCase("text/plain; charset=\"utf-8\"; format=flowed")]
    [TestCase("multipart/form-data; boundary=\"a b\\\"c\"")]
    public void IsMediaType_Valid_True(string value) => Assert.That(HeaderText.IsMediaType(value), Is.True);

    [TestCase("")]
    [TestCase("text")]
    [TestCase("text/")]
    [TestCase("/html")]
    [TestCase("text/html\nSet-Cookie: injected=1")]
    [TestCase("text/html\r\n")]
    [TestCase("text/html\u0000")]
    [TestCase("text/html; charset=caf\u00e9")]
    [TestCase("t\u00e9xt/html")]
    [TestCase("text/html;")]
    [TestCase("text/html; charset")]
    [TestCase("text/html; charset=\"unterminated")]
    [TestCase("text/html; charset=\"a\nb\"")]
    [TestCase("text html")]
    [TestCase(" text/html")]
    public void IsMediaType_Invalid_False(string value) => Assert.That(HeaderText.IsMediaType(value), Is.False);

    [Test]
    public void IsMediaType_Longer_Than1024_False() =>
        Assert.That(HeaderText.IsMediaType("text/plain; x=" + new string('a', 1020)), Is.False);

    [TestCase("X-Custom", true)]
    [TestCase("x_custom!#$%&'*+-.^_`|~9", true)]
    [TestCase("", false)]
    [TestCase("X Custom", false)]
    [TestCase("X-Caf\u00e9", false)]
    [TestCase("X-A:B", false)]
    public void IsToken_Cases(string value, bool expected) => Assert.That(HeaderText.IsToken(value), Is.EqualTo(expected));

    [TestCase("max-age=60, public", true)]
    [TestCase("", true)]
    [TestCase("a\tb", true)]
    [TestCase("caf\u00e9", false)]
    [TestCase("a\nb", false)]
    [TestCase("a\rb", false)]
    [TestCase("a\u007fb", false)]
    [TestCase("a\u0085b", false)]
    [TestCase(" leading", false)]
    [TestCase("trailing ", false)]
    public void IsFieldValue_Cases(string value, bool expected) => Assert.That(HeaderText.IsFieldValue(value), Is.EqualTo(expected));

    [TestCase("text/css", "text/css")]
    [TestCase("text/html\nSet-Cookie: injected=1", "application/octet-stream")]
    [TestCase("", "application/octet-stream")]
    public void ServedContentType_StoredValue_ItselfOrOctetStream(string stored, string served) =>
        Assert.That(HeaderText.ServedContentType(stored), Is.EqualTo(served));
}
