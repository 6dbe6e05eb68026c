namespace FakeServerless.State;

/// <summary>A build live in an environment, with what its functions see there: the environment's domain and variables, and the service's credentials setting.</summary>
internal sealed record LiveBuild(DomainEntry Entry, string DomainName, BuildRecord Build, IReadOnlyDictionary<string, string> Variables, bool IncludeCredentials);
