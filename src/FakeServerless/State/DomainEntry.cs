namespace FakeServerless.State;

/// <summary>Which environment a domain name belongs to.</summary>
internal sealed record DomainEntry(string AccountSid, string ServiceSid, string EnvironmentSid);
