namespace FakeServerless.Tests.Domains;

/// <summary>A deployed environment of a test: its SIDs, its domain and the live build and deployment.</summary>
internal sealed record Site(string Service, string Environment, string Domain, string Function, string FunctionVersion, string Build, string Deployment);
