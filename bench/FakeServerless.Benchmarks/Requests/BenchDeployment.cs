namespace FakeServerless.Benchmarks.Requests;

/// <summary>The one deployment every request-rate figure fetches, seeded in process (no request).</summary>
internal static class BenchDeployment
{
    /// <summary>Seeds a service, an environment, a completed build and a deployment; returns the deployment's API path.</summary>
    public static string Seed(FakeServerlessServer fake) => Seed(fake.Account());

    /// <inheritdoc cref="Seed(FakeServerlessServer)"/>
    public static string Seed(FakeServerlessAccount account)
    {
        var service = account.CreateService("bench");
        var environment = account.CreateEnvironment(service.Sid, "stage", "stage");
        var function = account.CreateFunction(service.Sid, "hello");
        var version = account.CreateFunctionVersion(service.Sid, function.Sid, "/hello", "exports.handler = (c, e, cb) => cb(null, 'hi');");
        var build = account.CreateBuild(service.Sid, [version.Sid]);
        var deployment = account.Deploy(service.Sid, environment.Sid, build.Sid);
        return $"/v1/Services/{service.Sid}/Environments/{environment.Sid}/Deployments/{deployment.Sid}";
    }
}
