namespace FakeServerless.State;

/// <summary>The fields of a new function or asset.</summary>
internal readonly record struct NewCode(string Sid, string AccountSid, string ServiceSid, string FriendlyName, DateTimeOffset Now);
