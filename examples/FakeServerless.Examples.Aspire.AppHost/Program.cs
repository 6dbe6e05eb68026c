using System.Reflection;

var builder = DistributedApplication.CreateBuilder(args);

// README, "Aspire": the fake's container image, and a project that deploys to it.
var twilio = builder.AddFakeServerless("twilio");
builder.AddProject<Projects.FakeServerless_Examples_Aspire_Deployer>("deployer")
    .WithReference(twilio)
    .WaitFor(twilio);

// The same fake as a process (no container runtime), with a control token and the intercepting proxy. Users run the .NET tool
// (AddFakeServerlessExecutable("twilio-local") runs `fake-serverless` from PATH); this checkout runs its own CLI project, built
// with this app host in the same configuration.
var configuration = typeof(Program).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
var controlToken = builder.AddParameter("fake-control-token", secret: true);
var local = builder.AddFakeServerlessExecutable("twilio-local", "dotnet",
        "run", "--no-build", "--no-launch-profile", "-c", configuration, "--project", new Projects.FakeServerless_Cli().ProjectPath, "--")
    .WithControlToken(controlToken)
    .WithProxy();
builder.AddProject<Projects.FakeServerless_Examples_Aspire_Deployer>("deployer-proxy")
    .WithReference(local)
    .WaitFor(local)
    .WithEnvironment("DEPLOY_THROUGH_PROXY", "true");

builder.Build().Run();
