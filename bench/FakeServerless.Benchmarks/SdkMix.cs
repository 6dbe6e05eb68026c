using Twilio.Clients;
using Twilio.Rest.Serverless.V1;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Benchmarks;

/// <summary>
/// The scripted mix one iteration runs through the Twilio SDK: create a service and an environment, fetch the service, list
/// services, create a build, fetch it (Immediate completion finishes it on that read) and deploy it. The function version the
/// build needs is seeded in process (no request), so both transports do exactly the same SDK calls.
/// </summary>
internal static class SdkMix
{
    public const int CallsPerIteration = 7;

    public static async Task RunAsync(FakeServerlessServer fake, ITwilioRestClient client, string uniqueName)
    {
        var service = await ServiceResource.CreateAsync(uniqueName: uniqueName, friendlyName: "Bench", client: client).ConfigureAwait(false);
        var environment = await EnvironmentResource.CreateAsync(service.Sid, uniqueName: "stage", domainSuffix: "stage", client: client).ConfigureAwait(false);
        await ServiceResource.FetchAsync(service.Sid, client: client).ConfigureAwait(false);
        await ServiceResource.ReadAsync(pageSize: 20, limit: 20, client: client).ConfigureAwait(false);

        var account = fake.Account();
        var function = account.CreateFunction(service.Sid, "hello");
        var version = account.CreateFunctionVersion(service.Sid, function.Sid, "/hello", "exports.handler = (c, e, cb) => cb(null, 'hi');");

        var build = await BuildResource.CreateAsync(service.Sid, functionVersions: [version.Sid], client: client).ConfigureAwait(false);
        await BuildResource.FetchAsync(service.Sid, build.Sid, client: client).ConfigureAwait(false);
        await DeploymentResource.CreateAsync(service.Sid, environment.Sid, buildSid: build.Sid, client: client).ConfigureAwait(false);
    }
}
