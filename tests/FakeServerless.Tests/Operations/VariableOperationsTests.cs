using FakeServerless.Tests.Support;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Tests.Operations;

[TestFixtureSource(typeof(TransportCase), nameof(TransportCase.All))]
public sealed class VariableOperationsTests(FakeServerlessTransport transport) : OperationsTestBase(transport)
{
    private string _serviceSid = string.Empty;
    private string _environmentSid = string.Empty;

    [SetUp]
    public async Task CreateEnvironment()
    {
        _serviceSid = (await CreateServiceAsync()).Sid;
        _environmentSid = (await CreateEnvironmentAsync(_serviceSid)).Sid;
    }

    [Test]
    public async Task Create_ReturnsVariable()
    {
        var variable = await VariableResource.CreateAsync(_serviceSid, _environmentSid, key: "API_KEY", value: "secret", client: Twilio);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(variable.Sid, Does.Match("^ZV[0-9a-f]{32}$"));
            Assert.That(variable.AccountSid, Is.EqualTo(Fake.AccountSid));
            Assert.That(variable.ServiceSid, Is.EqualTo(_serviceSid));
            Assert.That(variable.EnvironmentSid, Is.EqualTo(_environmentSid));
            Assert.That(variable.Key, Is.EqualTo("API_KEY"));
            Assert.That(variable.Value, Is.EqualTo("secret"));
            Assert.That(variable.Url.AbsolutePath, Is.EqualTo($"/v1/Services/{_serviceSid}/Environments/{_environmentSid}/Variables/{variable.Sid}"));
        }
    }

    [Test]
    public async Task Fetch_ReturnsVariable()
    {
        var created = await VariableResource.CreateAsync(_serviceSid, _environmentSid, key: "K", value: "v", client: Twilio);

        var fetched = await VariableResource.FetchAsync(_serviceSid, _environmentSid, created.Sid, client: Twilio);

        Assert.That((fetched.Sid, fetched.Key, fetched.Value), Is.EqualTo((created.Sid, "K", "v")));
    }

    [Test]
    public async Task Update_ValueOnly_KeepsKey()
    {
        var created = await VariableResource.CreateAsync(_serviceSid, _environmentSid, key: "K", value: "old", client: Twilio);

        var updated = await VariableResource.UpdateAsync(_serviceSid, _environmentSid, created.Sid, value: "new", client: Twilio);

        Assert.That((updated.Key, updated.Value), Is.EqualTo(("K", "new")));
        var fetched = await VariableResource.FetchAsync(_serviceSid, _environmentSid, created.Sid, client: Twilio);
        Assert.That(fetched.Value, Is.EqualTo("new"));
    }

    [Test]
    public async Task Update_KeyOnly_KeepsValue()
    {
        var created = await VariableResource.CreateAsync(_serviceSid, _environmentSid, key: "OLD", value: "v", client: Twilio);

        var updated = await VariableResource.UpdateAsync(_serviceSid, _environmentSid, created.Sid, key: "NEW", client: Twilio);

        Assert.That((updated.Key, updated.Value), Is.EqualTo(("NEW", "v")));
    }

    [Test]
    public async Task Update_ToExistingKey_Returns409()
    {
        await VariableResource.CreateAsync(_serviceSid, _environmentSid, key: "A", value: "1", client: Twilio);
        var b = await VariableResource.CreateAsync(_serviceSid, _environmentSid, key: "B", value: "2", client: Twilio);

        var error = await ApiErrorAsync(() => VariableResource.UpdateAsync(_serviceSid, _environmentSid, b.Sid, key: "A", client: Twilio));

        AssertError(error, 409, 20409);
    }

    [Test]
    public async Task Update_ValueOver450Bytes_Returns400AndKeepsOldValue()
    {
        var created = await VariableResource.CreateAsync(_serviceSid, _environmentSid, key: "K", value: "old", client: Twilio);

        var error = await ApiErrorAsync(() => VariableResource.UpdateAsync(_serviceSid, _environmentSid, created.Sid, value: new string('x', 451), client: Twilio));

        AssertError(error, 400, 20001, "Value must be 450 bytes or less in size.");
        Assert.That((await VariableResource.FetchAsync(_serviceSid, _environmentSid, created.Sid, client: Twilio)).Value, Is.EqualTo("old"));
    }

    [Test]
    public async Task Delete_ThenFetchAndDeleteReturn404()
    {
        var created = await VariableResource.CreateAsync(_serviceSid, _environmentSid, key: "K", value: "v", client: Twilio);

        var deleted = await VariableResource.DeleteAsync(_serviceSid, _environmentSid, created.Sid, client: Twilio);

        Assert.That(deleted, Is.True);
        AssertError(await ApiErrorAsync(() => VariableResource.FetchAsync(_serviceSid, _environmentSid, created.Sid, client: Twilio)), 404, 20404);
        AssertError(await ApiErrorAsync(() => VariableResource.DeleteAsync(_serviceSid, _environmentSid, created.Sid, client: Twilio)), 404, 20404);
    }

    [Test]
    public async Task Delete_ThenCreateSameKey_Succeeds()
    {
        var first = await VariableResource.CreateAsync(_serviceSid, _environmentSid, key: "K", value: "1", client: Twilio);
        await VariableResource.DeleteAsync(_serviceSid, _environmentSid, first.Sid, client: Twilio);

        var second = await VariableResource.CreateAsync(_serviceSid, _environmentSid, key: "K", value: "2", client: Twilio);

        Assert.That(second.Sid, Is.Not.EqualTo(first.Sid));
    }

    [Test]
    public async Task Read_ListsInCreationOrder()
    {
        var a = await VariableResource.CreateAsync(_serviceSid, _environmentSid, key: "A", value: "1", client: Twilio);
        var b = await VariableResource.CreateAsync(_serviceSid, _environmentSid, key: "B", value: "2", client: Twilio);

        var variables = await VariableResource.ReadAsync(_serviceSid, _environmentSid, client: Twilio);

        Assert.That(variables.Select(v => (v.Sid, v.Key, v.Value)), Is.EqualTo(new[] { (a.Sid, "A", "1"), (b.Sid, "B", "2") }));
    }

    [Test]
    public async Task Read_OnlyListsTheEnvironmentsOwnVariables()
    {
        var other = await EnvironmentResource.CreateAsync(_serviceSid, uniqueName: "other", domainSuffix: "other", client: Twilio);
        await VariableResource.CreateAsync(_serviceSid, other.Sid, key: "OTHER", value: "1", client: Twilio);
        var mine = await VariableResource.CreateAsync(_serviceSid, _environmentSid, key: "MINE", value: "2", client: Twilio);

        var variables = await VariableResource.ReadAsync(_serviceSid, _environmentSid, client: Twilio);

        Assert.That(variables.Select(v => v.Sid), Is.EqualTo(new[] { mine.Sid }));
    }

    [Test]
    public async Task Create_KeyOf128Characters_Succeeds()
    {
        var variable = await VariableResource.CreateAsync(_serviceSid, _environmentSid, key: new string('K', 128), value: "v", client: Twilio);

        Assert.That(variable.Key, Has.Length.EqualTo(128));
    }

    [Test]
    public async Task Create_KeyOf129Characters_Returns400()
    {
        var error = await ApiErrorAsync(() => VariableResource.CreateAsync(_serviceSid, _environmentSid, key: new string('K', 129), value: "v", client: Twilio));

        AssertError(error, 400, 20001, "Key must be 128 characters or less in length.");
    }

    [Test]
    public async Task Create_ValueOf450Bytes_Succeeds()
    {
        var variable = await VariableResource.CreateAsync(_serviceSid, _environmentSid, key: "K", value: new string('v', 450), client: Twilio);

        Assert.That(variable.Value, Has.Length.EqualTo(450));
    }

    [Test]
    public async Task Create_ValueOf451Bytes_Returns400()
    {
        var error = await ApiErrorAsync(() => VariableResource.CreateAsync(_serviceSid, _environmentSid, key: "K", value: new string('v', 451), client: Twilio));

        AssertError(error, 400, 20001, "Value must be 450 bytes or less in size.");
    }

    [Test]
    public async Task Create_ValueOf226TwoByteCharacters_Returns400BecauseItIs452Bytes()
    {
        var error = await ApiErrorAsync(() => VariableResource.CreateAsync(_serviceSid, _environmentSid, key: "K", value: new string('é', 226), client: Twilio));

        AssertError(error, 400, 20001, "Value must be 450 bytes or less in size.");
    }

    [Test]
    public async Task Create_DuplicateKey_Returns409()
    {
        await VariableResource.CreateAsync(_serviceSid, _environmentSid, key: "K", value: "1", client: Twilio);

        var error = await ApiErrorAsync(() => VariableResource.CreateAsync(_serviceSid, _environmentSid, key: "K", value: "2", client: Twilio));

        AssertError(error, 409, 20409);
        Assert.That(Fake.Snapshot().Variables, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Create_SameKeyInAnotherEnvironment_Succeeds()
    {
        var other = await EnvironmentResource.CreateAsync(_serviceSid, uniqueName: "other", domainSuffix: "other", client: Twilio);
        await VariableResource.CreateAsync(_serviceSid, _environmentSid, key: "K", value: "1", client: Twilio);

        var variable = await VariableResource.CreateAsync(_serviceSid, other.Sid, key: "K", value: "2", client: Twilio);

        Assert.That(variable.EnvironmentSid, Is.EqualTo(other.Sid));
    }

    [TestCase(null, "v", "Key")]
    [TestCase("K", null, "Value")]
    public async Task Create_MissingParameter_Returns400NamingIt(string? key, string? value, string parameter)
    {
        var error = await ApiErrorAsync(() => VariableResource.CreateAsync(_serviceSid, _environmentSid, key: key, value: value, client: Twilio));

        AssertError(error, 400, 20001, $"Missing required parameter {parameter} in the post body");
    }

    [Test]
    public async Task Create_UnknownEnvironment_Returns404()
    {
        const string environmentSid = "ZE0123456789abcdef0123456789abcdef";

        var error = await ApiErrorAsync(() => VariableResource.CreateAsync(_serviceSid, environmentSid, key: "K", value: "v", client: Twilio));

        AssertError(error, 404, 20404, $"The requested resource /Services/{_serviceSid}/Environments/{environmentSid}/Variables was not found");
    }

    [TestCase("a+b&c=d %20 é 🙂")]
    [TestCase("line1\nline2")]
    [TestCase("")]
    public async Task Create_ValueWithReservedCharacters_RoundTrips(string value)
    {
        var created = await VariableResource.CreateAsync(_serviceSid, _environmentSid, key: "K", value: value, client: Twilio);

        var fetched = await VariableResource.FetchAsync(_serviceSid, _environmentSid, created.Sid, client: Twilio);

        Assert.That((created.Value, fetched.Value), Is.EqualTo((value, value)));
    }
}
