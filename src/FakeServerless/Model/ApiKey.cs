namespace FakeServerless;

/// <summary>
/// An API key of the fake (<see cref="FakeServerlessServer.CreateApiKey"/>): authenticate with Basic <c>{Sid}:{Secret}</c>, as the
/// Twilio CLI's profiles and <c>new TwilioRestClient(Sid, Secret, accountSid: AccountSid)</c> do. Requests act on <see cref="AccountSid"/>.
/// </summary>
/// <param name="Sid"><c>SK</c> followed by 32 hex digits.</param>
/// <param name="Secret">The secret: 32 letters and digits, drawn from the fake's seed.</param>
/// <param name="AccountSid">The account the key belongs to.</param>
public sealed record ApiKey(string Sid, string Secret, string AccountSid);
