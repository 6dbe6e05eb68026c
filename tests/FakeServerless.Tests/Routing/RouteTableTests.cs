using System.Text.RegularExpressions;
using FakeServerless.Engine;
using FakeServerless.Routing;
using FakeServerless.Tests.Wire.OpenApi;

namespace FakeServerless.Tests.Routing;

public sealed class RouteTableTests
{
    private static readonly RouteTable Routes = ServerlessEngine.CreateRoutes();

    [Test]
    public void CreateRoutes_ComparedWithTheSpec_HasEveryOperationAtItsPathPlusTheTwoUploadsAndTheCliSetUp()
    {
        var spec = OpenApiResponseValidator.SharedOrIgnore().Routes;
        var ours = Routes.Routes.ToDictionary(r => r.Operation, r => $"{r.Method} {Normalize(r.Template)}");

        var expected = spec.ToDictionary(p => p.Key, p => $"{p.Value.Split(' ')[0]} {Normalize(p.Value.Split(' ')[1])}");
        expected["CreateFunctionVersion"] = "POST /v1/Services/{}/Functions/{}/Versions";
        expected["CreateAssetVersion"] = "POST /v1/Services/{}/Assets/{}/Versions";
        expected["FetchAccount"] = "GET /2010-04-01/Accounts/{}.json"; // the 2010 API's two calls of the Twilio CLI's set-up
        expected["CreateNewKey"] = "POST /2010-04-01/Accounts/{}/Keys.json";

        Assert.That(spec, Has.Count.EqualTo(39));
        Assert.That(ours, Is.EquivalentTo(expected));
    }

    [Test]
    public void Match_KnownPathAndMethod_BindsDecodedValues()
    {
        var match = Routes.Match("GET", "/v1/Services/my%2Dshop/Environments/ZE00000000000000000000000000000001");

        Assert.That(match.Route?.Operation, Is.EqualTo("FetchEnvironment"));
        Assert.That(match.Values["ServiceSid"], Is.EqualTo("my-shop"));
        Assert.That(match.Values["Sid"], Is.EqualTo("ZE00000000000000000000000000000001"));
    }

    [Test]
    public void Match_KnownPathWrongMethod_ListsAllowedMethods()
    {
        var match = Routes.Match("PUT", "/v1/Services/ZS00000000000000000000000000000001");

        Assert.That(match.MethodNotAllowed, Is.True);
        Assert.That(match.AllowedMethods, Is.EquivalentTo(new[] { "GET", "POST", "DELETE" }));
    }

    [Test]
    public void Match_ParameterWithSuffix_BindsTheValueWithoutIt()
    {
        var match = Routes.Match("GET", "/2010-04-01/Accounts/AC00000000000000000000000000000001.JSON");

        Assert.That(match.Route?.Operation, Is.EqualTo("FetchAccount"));
        Assert.That(match.Values["Sid"], Is.EqualTo("AC00000000000000000000000000000001"));
    }

    [TestCase("/v1/Services/")]
    [TestCase("v1/Services")]
    [TestCase("/v1//Services")]
    [TestCase("/v2/Services")]
    [TestCase("")]
    [TestCase("/2010-04-01/Accounts/AC00000000000000000000000000000001")]
    [TestCase("/2010-04-01/Accounts/.json")]
    [TestCase("/2010-04-01/Accounts/AC00000000000000000000000000000001.xml")]
    public void Match_UnknownOrMalformedPath_MatchesNothing(string path)
    {
        var match = Routes.Match("GET", path);

        Assert.That((match.Route, match.MethodNotAllowed), Is.EqualTo(((Route?)null, false)));
    }

    private static string Normalize(string template) => Regex.Replace(template, "{[^}]+}", "{}");
}
