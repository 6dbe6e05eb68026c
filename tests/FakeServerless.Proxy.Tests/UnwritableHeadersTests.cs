using System.Text.RegularExpressions;
using FakeServerless.Tests.Support;

namespace FakeServerless.Proxy.Tests;

/// <summary>
/// The writers' line of defence against response splitting (issue 17, item 1): whatever a function handler (or a stored value)
/// puts in a header, no transport writes a value holding CR, LF, another control character or non-ASCII, nor a name that is not a
/// token. Such a header is dropped; such a content type becomes <c>application/octet-stream</c>. The answer stays one answer.
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed partial class UnwritableHeadersTests
{
    private static readonly Dictionary<string, string> Forged = new()
    {
        ["X-Split"] = "a\r\nSet-Cookie: injected=1",
        ["X-Bare-Lf"] = "a\nSet-Cookie: injected=2",
        ["X-Control"] = "a\u0001b",
        ["X-Accent"] = "café",
        ["Bad Name"] = "value",
        ["X-Fine"] = "kept",
    };

    [TestCase("port")]
    [TestCase("proxy")]
    public async Task FunctionAnswer_ForgedHeaders_OnTheWireOneAnswerWithoutThem(string via)
    {
        using var proxy = new ProxyFake();
        var (domain, path) = ServeForgedAnswer(proxy.Fake);
        var target = via == "proxy" ? $"http://{domain}{path}" : path;
        var server = via == "proxy" ? proxy.Fake.ProxyUrl! : proxy.Fake.Url;

        var answer = await RawHttp.SendAsync(server, $"GET {target} HTTP/1.1\r\nHost: {domain}\r\nConnection: close\r\n\r\n");

        Assert.That(answer.Status, Is.EqualTo(200), answer.Head);
        Assert.That(answer.Head + answer.Body, Does.Not.Contain("Set-Cookie").And.Not.Contain("injected"));
        Assert.That(answer.Header("X-Fine"), Is.EqualTo("kept"));
        Assert.That(answer.Header("X-Control"), Is.Null);
        Assert.That(answer.Header("X-Accent"), Is.Null);
        Assert.That(answer.Header("Content-Type"), Is.EqualTo("application/octet-stream"));
        Assert.That(StatusLine().Matches(answer.Head + "\r\n" + answer.Body), Has.Count.EqualTo(1));
        Assert.That(answer.Body, Is.EqualTo("<p>hi</p>"));
    }

    [Test]
    public async Task FunctionAnswer_ForgedHeaders_InMemoryWithoutThem()
    {
        await using var fake = FakeServerlessServer.StartInMemory();
        var (domain, path) = ServeForgedAnswer(fake);
        using var client = fake.CreateHttpClient();

        using var response = await client.GetAsync($"https://{domain}{path}");

        var names = response.Headers.Concat(response.Content.Headers).Select(h => h.Key).ToList();
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        Assert.That(names, Does.Contain("X-Fine").And.No.Member("X-Split").And.No.Member("X-Bare-Lf").And.No.Member("X-Control").And.No.Member("X-Accent").And.No.Member("Bad Name"));
        Assert.That(response.Content.Headers.ContentType?.ToString(), Is.EqualTo("application/octet-stream"));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("<p>hi</p>"));
    }

    [Test]
    public async Task FunctionAnswer_InformationalStatus_AnsweredAs500OnEveryTransport()
    {
        // A 1xx is not a final answer: written as one, it leaves the client waiting for the real answer (or reading the next one).
        using var proxy = new ProxyFake();
        await using var inMemory = FakeServerlessServer.StartInMemory();
        var statuses = new List<int>();
        foreach (var fake in new[] { proxy.Fake, inMemory })
        {
            var scenario = fake.Seed().ServiceLiveIn("staging");
            fake.MapFunction(scenario.Functions[0].Path, (_, _) => new FunctionResponse { StatusCode = 101, Body = "switching" });
            var domain = scenario.Environment("staging").DomainName;
            if (fake == inMemory)
            {
                using var client = fake.CreateHttpClient();
                statuses.Add((int)(await client.GetAsync($"https://{domain}{scenario.Functions[0].Path}")).StatusCode);
            }
            else
            {
                var request = $"GET {scenario.Functions[0].Path} HTTP/1.1\r\nHost: {domain}\r\nConnection: close\r\n\r\n";
                statuses.Add((await RawHttp.SendAsync(fake.Url, request)).Status);
                statuses.Add((await RawHttp.SendAsync(fake.ProxyUrl!, request.Replace($"GET {scenario.Functions[0].Path}", $"GET http://{domain}{scenario.Functions[0].Path}", StringComparison.Ordinal))).Status);
            }
        }

        Assert.That(statuses, Is.EqualTo(new[] { 500, 500, 500 }));
    }

    /// <summary>A live function whose handler answers <see cref="Forged"/> headers and a content type with CR LF.</summary>
    private static (string Domain, string Path) ServeForgedAnswer(FakeServerlessServer fake)
    {
        var scenario = fake.Seed().ServiceLiveIn("staging");
        var path = scenario.Functions[0].Path;
        fake.MapFunction(path, (_, _) => new FunctionResponse
        {
            Body = "<p>hi</p>",
            ContentType = "text/html\r\nSet-Cookie: injected=3",
            Headers = Forged,
        });
        return (scenario.Environment("staging").DomainName, path);
    }

    [GeneratedRegex(@"HTTP/1\.[01] \d{3}")]
    private static partial Regex StatusLine();
}
