namespace FakeServerless.Tests.Support;

/// <summary>What a Function and an Asset resource share, as the Twilio SDK returned it.</summary>
public sealed record CodeResource(string Sid, string AccountSid, string ServiceSid, string FriendlyName, Uri Url, IReadOnlyDictionary<string, string> Links);
