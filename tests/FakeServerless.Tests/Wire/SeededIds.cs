namespace FakeServerless.Tests.Wire;

/// <summary>The SIDs of one seeded service tree (service, environment, variable, function and version, asset, build, deployment, log).</summary>
internal sealed record SeededIds(
    string Service,
    string Environment,
    string Variable,
    string Function,
    string FunctionVersion,
    string Asset,
    string Build,
    string Deployment,
    string Log);
