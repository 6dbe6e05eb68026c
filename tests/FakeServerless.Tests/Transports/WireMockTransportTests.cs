using FakeServerless.Transports;

namespace FakeServerless.Tests.Transports;

[Parallelizable(ParallelScope.All)]
public sealed class WireMockTransportTests
{
    [TestCase(null)]
    [TestCase("")]
    [TestCase("?PageSize=5&Page=1")]
    [TestCase("?a==b&c=")]
    [TestCase("?%3B=x")]
    public void SafeQuery_QueryWireMockReads_Unchanged(string? query)
    {
        Assert.That(WireMockTransport.SafeQuery(query), Is.Null);
    }

    [TestCase("?=", "?")]
    [TestCase("?==&PageSize=2", "?PageSize=2")]
    [TestCase("?PageSize=2&=&Page=0", "?PageSize=2&Page=0")]
    [TestCase("?a=1;=", "?a=1%3B=")]
    [TestCase("?;;", "?%3B%3B")]
    public void SafeQuery_QueryWireMockWouldThrowOn_Rewritten(string query, string expected)
    {
        Assert.That(WireMockTransport.SafeQuery(query), Is.EqualTo(expected));
    }
}
