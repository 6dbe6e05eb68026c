using FakeServerless.Contract.Support;
using FakeServerless.Contract.Target;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;

namespace FakeServerless.Contract.Resources;

/// <summary>The Twilio error body (<c>code</c>, <c>message</c>, <c>more_info</c>, <c>status</c>) for 404, 400, 409 and 401.</summary>
public sealed class ErrorContractTests : ContractTestBase
{
    private const string UnknownServiceSid = "ZS00000000000000000000000000000000";

    [Test]
    public async Task Fetch_UnknownService_Is404WithTheTwilioBody()
    {
        AssertErrorBody(await SendAsync(Http, HttpMethod.Get, $"Services/{UnknownServiceSid}"), 404, 20404);
        AssertError(await ApiErrorAsync(() => ServiceResource.FetchAsync(UnknownServiceSid, client: Twilio)), 404, 20404);
    }

    [Test]
    public async Task Fetch_UnknownChildOfAKnownService_Is404()
    {
        var service = await CreateServiceAsync();

        AssertError(await ApiErrorAsync(() => FunctionResource.FetchAsync(service.Sid, "ZH00000000000000000000000000000000", client: Twilio)), 404, 20404);
        AssertError(await ApiErrorAsync(() => EnvironmentResource.FetchAsync(service.Sid, "ZE00000000000000000000000000000000", client: Twilio)), 404, 20404);
    }

    [Test]
    public async Task Create_MissingRequiredParameter_Is400WithTheTwilioBody()
    {
        var service = await CreateServiceAsync();

        AssertErrorBody(await SendAsync(Http, HttpMethod.Post, $"Services/{service.Sid}/Assets", []), 400, 20001);
    }

    [Test]
    public async Task Create_DuplicateServiceUniqueName_Is409WithTheTwilioBody()
    {
        var service = await CreateServiceAsync();

        var response = await SendAsync(Http, HttpMethod.Post, "Services", [new("UniqueName", service.UniqueName), new("FriendlyName", "again")]);
        if (response.Status == 201)
        {
            DeleteAfterwards(response.Body!.Value.GetProperty("sid").GetString()!);
        }

        AssertErrorBody(response, 409, 20409);
    }

    [Test]
    public async Task AnyRequest_WithoutCredentials_Is401_20003()
    {
        using var anonymous = Target.CreateRawClient(ContractTarget.ApiBase, null, null);

        AssertErrorBody(await SendAsync(anonymous, HttpMethod.Get, "Services"), 401, 20003);
    }

    [Test]
    public async Task AnyRequest_WithAnEmptyPassword_Is401_20003()
    {
        using var client = Target.CreateRawClient(ContractTarget.ApiBase, AccountSid, string.Empty);

        AssertErrorBody(await SendAsync(client, HttpMethod.Get, "Services"), 401, 20003);
    }
}
