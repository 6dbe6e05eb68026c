using FakeServerless.Tests.Support;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Tests.Operations;

[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class EnvironmentOperationsTests(FakeServerlessTransport transport) : OperationsTestBase(transport)
{
    [Test]
    public async Task Create_WithSuffix_DomainNameIsDomainBaseDashSuffix()
    {
        var service = await CreateServiceAsync();

        var environment = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "staging", domainSuffix: "stage", client: Twilio);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(environment.Sid, Does.Match("^ZE[0-9a-f]{32}$"));
            Assert.That(environment.AccountSid, Is.EqualTo(Fake.AccountSid));
            Assert.That(environment.ServiceSid, Is.EqualTo(service.Sid));
            Assert.That(environment.UniqueName, Is.EqualTo("staging"));
            Assert.That(environment.DomainSuffix, Is.EqualTo("stage"));
            Assert.That(environment.DomainName, Is.EqualTo($"{service.DomainBase}-stage.twil.io"));
            Assert.That(environment.BuildSid, Is.Null);
            Assert.That(environment.Links.Keys, Is.EquivalentTo(new[] { "variables", "deployments", "logs" }));
        }
    }

    [Test]
    public async Task Create_WithoutSuffix_DomainNameIsDomainBaseAndSuffixNull()
    {
        var service = await CreateServiceAsync();

        var environment = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "production", client: Twilio);

        Assert.That((environment.DomainSuffix, environment.DomainName), Is.EqualTo(((string?)null, $"{service.DomainBase}.twil.io")));
    }

    [Test]
    public async Task Create_UpperCaseSuffix_DomainNameIsLowerCase()
    {
        var service = await CreateServiceAsync();

        var environment = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "qa", domainSuffix: "QA", client: Twilio);

        Assert.That(environment.DomainName, Is.EqualTo($"{service.DomainBase}-qa.twil.io"));
    }

    [Test]
    public async Task Create_UnderServiceUniqueName_Succeeds()
    {
        var service = await CreateServiceAsync("shop");

        var environment = await EnvironmentResource.CreateAsync("shop", uniqueName: "dev", domainSuffix: "dev", client: Twilio);

        Assert.That(environment.ServiceSid, Is.EqualTo(service.Sid));
    }

    [Test]
    public async Task Create_DuplicateUniqueName_Returns409()
    {
        var service = await CreateServiceAsync();
        await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "dev", domainSuffix: "dev", client: Twilio);

        var error = await ApiErrorAsync(() => EnvironmentResource.CreateAsync(service.Sid, uniqueName: "dev", domainSuffix: "other", client: Twilio));

        AssertError(error, 409, 20409, "Environment with this UniqueName or DomainSuffix already exists.");
    }

    [Test]
    public async Task Create_DuplicateSuffix_Returns409()
    {
        var service = await CreateServiceAsync();
        await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "dev", domainSuffix: "dev", client: Twilio);

        var error = await ApiErrorAsync(() => EnvironmentResource.CreateAsync(service.Sid, uniqueName: "other", domainSuffix: "dev", client: Twilio));

        AssertError(error, 409, 20409, "Environment with this UniqueName or DomainSuffix already exists.");
    }

    [Test]
    public async Task Create_SecondWithoutSuffix_Returns409()
    {
        var service = await CreateServiceAsync();
        await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "production", client: Twilio);

        var error = await ApiErrorAsync(() => EnvironmentResource.CreateAsync(service.Sid, uniqueName: "production-2", client: Twilio));

        AssertError(error, 409, 20409);
    }

    [Test]
    public async Task Create_SameNamesInAnotherService_Succeeds()
    {
        var first = await CreateServiceAsync("first");
        var second = await CreateServiceAsync("second");
        await EnvironmentResource.CreateAsync(first.Sid, uniqueName: "dev", domainSuffix: "dev", client: Twilio);

        var environment = await EnvironmentResource.CreateAsync(second.Sid, uniqueName: "dev", domainSuffix: "dev", client: Twilio);

        Assert.That(environment.DomainName, Is.EqualTo($"{second.DomainBase}-dev.twil.io"));
    }

    [Test]
    public async Task Create_MissingUniqueName_Returns400NamingIt()
    {
        var service = await CreateServiceAsync();

        var error = await ApiErrorAsync(() => EnvironmentResource.CreateAsync(service.Sid, uniqueName: null, domainSuffix: "dev", client: Twilio));

        AssertError(error, 400, 20001, "Missing required parameter UniqueName in the post body");
    }

    [TestCase("bad_suffix")]
    [TestCase("-dev")]
    [TestCase("seventeen-chars-x")]
    public async Task Create_InvalidSuffix_Returns400(string suffix)
    {
        var service = await CreateServiceAsync();

        var error = await ApiErrorAsync(() => EnvironmentResource.CreateAsync(service.Sid, uniqueName: "dev", domainSuffix: suffix, client: Twilio));

        AssertError(error, 400, 20001);
        Assert.That(error.Message, Does.Contain("DomainSuffix"));
    }

    [Test]
    public async Task Create_UniqueNameOf101Characters_Returns400()
    {
        var service = await CreateServiceAsync();

        var error = await ApiErrorAsync(() => EnvironmentResource.CreateAsync(service.Sid, uniqueName: new string('e', 101), domainSuffix: "dev", client: Twilio));

        AssertError(error, 400, 20001, "UniqueName must be 100 characters or less in length.");
    }

    [Test]
    public async Task Create_UnknownService_Returns404()
    {
        var error = await ApiErrorAsync(() => EnvironmentResource.CreateAsync("ZS0123456789abcdef0123456789abcdef", uniqueName: "dev", client: Twilio));

        AssertError(error, 404, 20404, "The requested resource /Services/ZS0123456789abcdef0123456789abcdef/Environments was not found");
    }

    [Test]
    public async Task Fetch_ReturnsEnvironment()
    {
        var service = await CreateServiceAsync();
        var created = await CreateEnvironmentAsync(service.Sid);

        var fetched = await EnvironmentResource.FetchAsync(service.Sid, created.Sid, client: Twilio);

        Assert.That((fetched.Sid, fetched.UniqueName, fetched.DomainName), Is.EqualTo((created.Sid, created.UniqueName, created.DomainName)));
    }

    [Test]
    public async Task Fetch_MalformedSid_Returns404()
    {
        var service = await CreateServiceAsync();

        var error = await ApiErrorAsync(() => EnvironmentResource.FetchAsync(service.Sid, "not-a-sid", client: Twilio));

        AssertError(error, 404, 20404);
    }

    [Test]
    public async Task Read_ListsInCreationOrder()
    {
        var service = await CreateServiceAsync();
        var a = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "a", domainSuffix: "a", client: Twilio);
        var b = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "b", domainSuffix: "b", client: Twilio);
        var c = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "c", client: Twilio);

        var environments = await EnvironmentResource.ReadAsync(service.Sid, client: Twilio);

        Assert.That(environments.Select(e => e.Sid), Is.EqualTo(new[] { a.Sid, b.Sid, c.Sid }));
    }

    [Test]
    public async Task Delete_WithChildren_EnvironmentAndChildrenAnswer404()
    {
        var service = await CreateServiceAsync();
        var environment = await CreateEnvironmentAsync(service.Sid);
        var variable = await VariableResource.CreateAsync(service.Sid, environment.Sid, key: "K", value: "v", client: Twilio);
        var build = await CreateCompletedBuildAsync(service.Sid, await CreateFunctionVersionAsync(service.Sid));
        var deployment = await DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid, client: Twilio);
        var log = Fake.Account().AppendLog(service.Sid, environment.Sid, "hello");

        var deleted = await EnvironmentResource.DeleteAsync(service.Sid, environment.Sid, client: Twilio);

        Assert.That(deleted, Is.True);
        var errors = new[]
        {
            await ApiErrorAsync(() => EnvironmentResource.FetchAsync(service.Sid, environment.Sid, client: Twilio)),
            await ApiErrorAsync(() => VariableResource.FetchAsync(service.Sid, environment.Sid, variable.Sid, client: Twilio)),
            await ApiErrorAsync(() => DeploymentResource.FetchAsync(service.Sid, environment.Sid, deployment.Sid, client: Twilio)),
            await ApiErrorAsync(() => LogResource.FetchAsync(service.Sid, environment.Sid, log.Sid, client: Twilio)),
            await ApiErrorAsync(() => VariableResource.ReadAsync(service.Sid, environment.Sid, client: Twilio)),
        };
        Assert.That(errors.Select(e => e.Status), Is.All.EqualTo(404));
        var snapshot = Fake.Snapshot();
        Assert.That((snapshot.Environments.Count, snapshot.Variables.Count, snapshot.Deployments.Count, snapshot.Logs.Count), Is.EqualTo((0, 0, 0, 0)));
    }

    [Test]
    public async Task Delete_LiveEnvironment_DomainStopsAnsweringAndBuildCanBeDeleted()
    {
        var service = await CreateServiceAsync();
        var environment = await CreateEnvironmentAsync(service.Sid);
        var build = await CreateCompletedBuildAsync(service.Sid, await CreateFunctionVersionAsync(service.Sid, "/hello"));
        await DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid, client: Twilio);
        using (var live = await Http.GetAsync($"https://{environment.DomainName}/hello"))
        {
            Assert.That((int)live.StatusCode, Is.EqualTo(200));
        }

        await EnvironmentResource.DeleteAsync(service.Sid, environment.Sid, client: Twilio);

        using var gone = await Http.GetAsync($"https://{environment.DomainName}/hello");
        Assert.That((int)gone.StatusCode, Is.EqualTo(404));
        Assert.That(await BuildResource.DeleteAsync(service.Sid, build.Sid, client: Twilio), Is.True);
    }

    [Test]
    public async Task Delete_ThenRecreateSameSuffix_Succeeds()
    {
        var service = await CreateServiceAsync();
        var first = await CreateEnvironmentAsync(service.Sid);
        await EnvironmentResource.DeleteAsync(service.Sid, first.Sid, client: Twilio);

        var second = await CreateEnvironmentAsync(service.Sid);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.Sid, Is.Not.EqualTo(first.Sid));
            Assert.That(second.DomainName, Is.EqualTo(first.DomainName));
        }
    }

    [Test]
    public async Task Delete_OtherEnvironmentsUntouched()
    {
        var service = await CreateServiceAsync();
        var keep = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "keep", domainSuffix: "keep", client: Twilio);
        var drop = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "drop", domainSuffix: "drop", client: Twilio);

        await EnvironmentResource.DeleteAsync(service.Sid, drop.Sid, client: Twilio);

        var environments = await EnvironmentResource.ReadAsync(service.Sid, client: Twilio);
        Assert.That(environments.Select(e => e.Sid), Is.EqualTo(new[] { keep.Sid }));
    }

    [Test]
    public async Task Create_WithUnknownFormField_IgnoresIt()
    {
        var service = await CreateServiceAsync();

        using var response = await Http.PostAsync($"/v1/Services/{service.Sid}/Environments", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UniqueName"] = "dev-environment",
            ["DomainSuffix"] = "dev",
            ["FriendlyName"] = "sent by the serverless toolkit",
        }));

        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        Assert.That((await JsonAsync(response)).GetProperty("unique_name").GetString(), Is.EqualTo("dev-environment"));
    }

    [Test]
    public async Task Fetch_EnvironmentOfAnotherService_Returns404()
    {
        var service = await CreateServiceAsync();
        var other = await CreateServiceAsync("other");
        var foreign = await CreateEnvironmentAsync(other.Sid);

        var error = await ApiErrorAsync(() => EnvironmentResource.FetchAsync(service.Sid, foreign.Sid, client: Twilio));

        AssertError(error, 404, 20404, $"The requested resource /Services/{service.Sid}/Environments/{foreign.Sid} was not found");
    }
}
