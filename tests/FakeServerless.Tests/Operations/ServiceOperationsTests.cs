using FakeServerless.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Tests.Operations;

[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class ServiceOperationsTests(FakeServerlessTransport transport) : OperationsTestBase(transport)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);

    protected override FakeServerlessOptions Configure(FakeServerlessOptions options)
    {
        options.TimeProvider = _time;
        return options;
    }

    [Test]
    public async Task Create_WithNames_ReturnsServiceWithDefaultsAndDomainBase()
    {
        var service = await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "My Shop", client: Twilio);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(service.Sid, Does.Match("^ZS[0-9a-f]{32}$"));
            Assert.That(service.AccountSid, Is.EqualTo(Fake.AccountSid));
            Assert.That(service.UniqueName, Is.EqualTo("shop"));
            Assert.That(service.FriendlyName, Is.EqualTo("My Shop"));
            Assert.That(service.IncludeCredentials, Is.True);
            Assert.That(service.UiEditable, Is.False);
            Assert.That(service.DomainBase, Does.Match("^shop-[0-9]{4}$"));
            Assert.That(service.Url, Is.EqualTo(new Uri($"https://serverless.twilio.com/v1/Services/{service.Sid}")).Or.EqualTo(new Uri($"{Fake.Url.ToString().TrimEnd('/')}/v1/Services/{service.Sid}")));
            Assert.That(service.Links.Keys, Is.EquivalentTo(new[] { "environments", "functions", "assets", "builds" }));
        }
    }

    [Test]
    public async Task Create_WithFlags_KeepsFlags()
    {
        var service = await ServiceResource.CreateAsync(uniqueName: "flags", friendlyName: "Flags", includeCredentials: false, uiEditable: true, client: Twilio);

        Assert.That((service.IncludeCredentials, service.UiEditable), Is.EqualTo((false, true)));
    }

    [Test]
    public async Task Create_MixedCaseUniqueName_DomainBaseIsLowerCase()
    {
        var service = await CreateServiceAsync("My-Shop");

        Assert.That(service.DomainBase, Does.Match("^my-shop-[0-9]{4}$"));
    }

    [Test]
    public async Task Fetch_BySid_ReturnsService()
    {
        var created = await CreateServiceAsync();

        var fetched = await ServiceResource.FetchAsync(created.Sid, client: Twilio);

        Assert.That((fetched.Sid, fetched.UniqueName, fetched.DomainBase), Is.EqualTo((created.Sid, "shop", created.DomainBase)));
    }

    [Test]
    public async Task Fetch_ByUniqueName_ReturnsSameService()
    {
        var created = await CreateServiceAsync();

        var fetched = await ServiceResource.FetchAsync("shop", client: Twilio);

        Assert.That(fetched.Sid, Is.EqualTo(created.Sid));
    }

    [Test]
    public async Task Fetch_ByUniqueNameInOtherCase_ReturnsSameService()
    {
        // Unique names are unique regardless of case (creating "SHOP" after "shop" is a 409), so lookups ignore case too.
        var created = await CreateServiceAsync();

        var fetched = await ServiceResource.FetchAsync("SHOP", client: Twilio);

        Assert.That(fetched.Sid, Is.EqualTo(created.Sid));
    }

    [Test]
    public async Task Fetch_UnknownSid_Returns404NamingThePath()
    {
        const string sid = "ZS0123456789abcdef0123456789abcdef";

        var error = await ApiErrorAsync(() => ServiceResource.FetchAsync(sid, client: Twilio));

        AssertError(error, 404, 20404, $"The requested resource /Services/{sid} was not found");
    }

    [Test]
    public async Task Update_ByUniqueName_ChangesFriendlyNameAndFlagsOnly()
    {
        var created = await CreateServiceAsync();

        var updated = await ServiceResource.UpdateAsync("shop", friendlyName: "Renamed", includeCredentials: false, uiEditable: true, client: Twilio);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(updated.Sid, Is.EqualTo(created.Sid));
            Assert.That(updated.FriendlyName, Is.EqualTo("Renamed"));
            Assert.That(updated.IncludeCredentials, Is.False);
            Assert.That(updated.UiEditable, Is.True);
            Assert.That(updated.UniqueName, Is.EqualTo("shop"));
            Assert.That(updated.DomainBase, Is.EqualTo(created.DomainBase));
        }

        var fetched = await ServiceResource.FetchAsync(created.Sid, client: Twilio);
        Assert.That(fetched.FriendlyName, Is.EqualTo("Renamed"));
    }

    [Test]
    public async Task Update_OnlyFriendlyName_KeepsFlags()
    {
        await ServiceResource.CreateAsync(uniqueName: "shop", friendlyName: "Shop", includeCredentials: false, uiEditable: true, client: Twilio);

        var updated = await ServiceResource.UpdateAsync("shop", friendlyName: "Other", client: Twilio);

        Assert.That((updated.FriendlyName, updated.IncludeCredentials, updated.UiEditable), Is.EqualTo(("Other", (bool?)false, (bool?)true)));
    }

    [Test]
    public async Task Update_Unknown_Returns404()
    {
        var error = await ApiErrorAsync(() => ServiceResource.UpdateAsync("missing", friendlyName: "x", client: Twilio));

        AssertError(error, 404, 20404, "The requested resource /Services/missing was not found");
    }

    [Test]
    public async Task Delete_ByUniqueName_ThenFetchReturns404()
    {
        var created = await CreateServiceAsync();

        var deleted = await ServiceResource.DeleteAsync("shop", client: Twilio);

        Assert.That(deleted, Is.True);
        var error = await ApiErrorAsync(() => ServiceResource.FetchAsync(created.Sid, client: Twilio));
        AssertError(error, 404, 20404);
    }

    [Test]
    public async Task Delete_Twice_SecondReturns404()
    {
        var created = await CreateServiceAsync();
        await ServiceResource.DeleteAsync(created.Sid, client: Twilio);

        var error = await ApiErrorAsync(() => ServiceResource.DeleteAsync(created.Sid, client: Twilio));

        AssertError(error, 404, 20404);
    }

    [Test]
    public async Task Delete_WithChildren_ChildrenAnswer404()
    {
        var service = await CreateServiceAsync();
        var environment = await CreateEnvironmentAsync(service.Sid);
        var variable = await VariableResource.CreateAsync(service.Sid, environment.Sid, key: "K", value: "v", client: Twilio);
        var function = await FunctionResource.CreateAsync(service.Sid, friendlyName: "f", client: Twilio);
        var asset = await AssetResource.CreateAsync(service.Sid, friendlyName: "a", client: Twilio);
        var build = await CreateCompletedBuildAsync(service.Sid, await UploadFunctionVersionAsync(service.Sid, function.Sid, "/f"));

        await ServiceResource.DeleteAsync(service.Sid, client: Twilio);

        var errors = new[]
        {
            await ApiErrorAsync(() => EnvironmentResource.FetchAsync(service.Sid, environment.Sid, client: Twilio)),
            await ApiErrorAsync(() => EnvironmentResource.ReadAsync(service.Sid, client: Twilio)),
            await ApiErrorAsync(() => VariableResource.FetchAsync(service.Sid, environment.Sid, variable.Sid, client: Twilio)),
            await ApiErrorAsync(() => FunctionResource.FetchAsync(service.Sid, function.Sid, client: Twilio)),
            await ApiErrorAsync(() => AssetResource.FetchAsync(service.Sid, asset.Sid, client: Twilio)),
            await ApiErrorAsync(() => BuildResource.FetchAsync(service.Sid, build.Sid, client: Twilio)),
        };
        Assert.That(errors.Select(e => e.Status), Is.All.EqualTo(404));
        Assert.That(Fake.Snapshot().Environments, Is.Empty);
    }

    [Test]
    public async Task Delete_WithLiveEnvironment_DomainStopsAnswering()
    {
        var service = await CreateServiceAsync();
        var environment = await CreateEnvironmentAsync(service.Sid);
        var build = await CreateCompletedBuildAsync(service.Sid, await CreateFunctionVersionAsync(service.Sid, "/hello"));
        await DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid, client: Twilio);
        using (var live = await Http.GetAsync($"https://{environment.DomainName}/hello"))
        {
            Assert.That((int)live.StatusCode, Is.EqualTo(200));
        }

        await ServiceResource.DeleteAsync(service.Sid, client: Twilio);

        using var gone = await Http.GetAsync($"https://{environment.DomainName}/hello");
        Assert.That((int)gone.StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task Delete_ThenCreateSameUniqueName_Succeeds()
    {
        var first = await CreateServiceAsync();
        await ServiceResource.DeleteAsync(first.Sid, client: Twilio);

        var second = await CreateServiceAsync();

        Assert.That(second.Sid, Is.Not.EqualTo(first.Sid));
    }

    [Test]
    public async Task Read_ListsServicesInCreationOrder()
    {
        var a = await CreateServiceAsync("alpha");
        var b = await CreateServiceAsync("beta");
        var c = await CreateServiceAsync("gamma");

        var services = await ServiceResource.ReadAsync(client: Twilio);

        Assert.That(services.Select(s => s.Sid), Is.EqualTo(new[] { a.Sid, b.Sid, c.Sid }));
    }

    [Test]
    public async Task Create_DuplicateUniqueName_Returns409()
    {
        await CreateServiceAsync("shop");

        var error = await ApiErrorAsync(() => CreateServiceAsync("shop"));

        AssertError(error, 409, 20409);
        Assert.That(error.Message, Does.Contain("shop"));
        Assert.That(Fake.Snapshot().Services, Has.Count.EqualTo(1));
    }

    [TestCase("has space")]
    [TestCase("-leading")]
    [TestCase("trailing-")]
    [TestCase("under_score")]
    [TestCase("double--dash")]
    [TestCase("dot.ted")]
    public async Task Create_InvalidUniqueName_Returns400(string uniqueName)
    {
        var error = await ApiErrorAsync(() => CreateServiceAsync(uniqueName));

        AssertError(error, 400, 20001);
        Assert.That(error.Message, Does.Contain("UniqueName"));
        Assert.That(Fake.Snapshot().Services, Is.Empty);
    }

    [Test]
    public async Task Create_UniqueNameOf51Characters_Returns400()
    {
        var error = await ApiErrorAsync(() => CreateServiceAsync(new string('a', 51)));

        AssertError(error, 400, 20001, "UniqueName must be 50 characters or less in length.");
    }

    [Test]
    public async Task Create_UniqueNameOf50Characters_Succeeds()
    {
        var service = await CreateServiceAsync(new string('a', 50));

        Assert.That(service.UniqueName, Has.Length.EqualTo(50));
    }

    [TestCase(null, "Shop", "UniqueName")]
    [TestCase("shop", null, "FriendlyName")]
    public async Task Create_MissingParameter_Returns400NamingIt(string? uniqueName, string? friendlyName, string parameter)
    {
        var error = await ApiErrorAsync(() => ServiceResource.CreateAsync(uniqueName: uniqueName, friendlyName: friendlyName, client: Twilio));

        AssertError(error, 400, 20001, $"Missing required parameter {parameter} in the post body");
    }

    [Test]
    public async Task Create_IncludeCredentialsNotBoolean_Returns400()
    {
        using var response = await Http.PostAsync("/v1/Services", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UniqueName"] = "shop",
            ["FriendlyName"] = "Shop",
            ["IncludeCredentials"] = "maybe",
        }));

        var body = await JsonAsync(response);
        Assert.That((int)response.StatusCode, Is.EqualTo(400));
        Assert.That(body.GetProperty("code").GetInt32(), Is.EqualTo(20001));
        Assert.That(body.GetProperty("message").GetString(), Does.Contain("IncludeCredentials"));
    }

    [TestCase("True", "FALSE", true, false)]
    [TestCase("false", "true", false, true)]
    public async Task Create_BooleansInAnyCase_AreParsed(string includeCredentials, string uiEditable, bool expectedCredentials, bool expectedEditable)
    {
        using var response = await Http.PostAsync("/v1/Services", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UniqueName"] = "shop",
            ["FriendlyName"] = "Shop",
            ["IncludeCredentials"] = includeCredentials,
            ["UiEditable"] = uiEditable,
        }));

        var body = await JsonAsync(response);
        Assert.That((int)response.StatusCode, Is.EqualTo(201));
        Assert.That((body.GetProperty("include_credentials").GetBoolean(), body.GetProperty("ui_editable").GetBoolean()), Is.EqualTo((expectedCredentials, expectedEditable)));
    }

    [Test]
    public async Task Update_MovesDateUpdatedOnly()
    {
        var created = await CreateServiceAsync();
        _time.Advance(TimeSpan.FromMinutes(5));

        var updated = await ServiceResource.UpdateAsync(created.Sid, friendlyName: "Later", client: Twilio);

        Assert.That((updated.DateCreated, updated.DateUpdated), Is.EqualTo(((DateTime?)Start.UtcDateTime, (DateTime?)Start.AddMinutes(5).UtcDateTime)));
    }
}
