namespace FakeServerless.Tests.Support;

/// <summary>What a Function Version and an Asset Version share, as the Twilio SDK returned it (<paramref name="Visibility"/> lower case, as on the wire).</summary>
public sealed record CodeVersion(string Sid, string ParentSid, string ServiceSid, string Path, string Visibility);
