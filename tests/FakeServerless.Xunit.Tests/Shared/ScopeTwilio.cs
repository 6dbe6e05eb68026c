using Twilio.Clients;
using Twilio.Http;

namespace FakeServerless.Xunit.Tests;

/// <summary>The Twilio SDK wired to a scope, as a user would write it.</summary>
internal static class ScopeTwilio
{
    public static TwilioRestClient Twilio(this FakeServerlessScope scope) =>
        new(scope.AccountSid, scope.AuthToken, httpClient: new SystemNetHttpClient(scope.CreateHttpClient()));
}
