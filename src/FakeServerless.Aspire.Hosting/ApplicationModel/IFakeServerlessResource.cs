namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// A fake Twilio Serverless API in an app host: <see cref="FakeServerlessResource"/> (the container image) or
/// <see cref="FakeServerlessExecutableResource"/> (the <c>fake-serverless</c> tool). Its connection string is its base URL.
/// </summary>
public interface IFakeServerlessResource : IResourceWithConnectionString, IResourceWithEnvironment, IResourceWithEndpoints, IResourceWithArgs, IResourceWithWaitSupport
{
    /// <summary>The Twilio API, environment domains and the control API (<c>/_fake/</c>): endpoint <c>http</c>.</summary>
    EndpointReference PrimaryEndpoint { get; }

    /// <summary>The intercepting HTTPS proxy (endpoint <c>proxy</c>), when <c>WithProxy()</c> turned it on; otherwise null.</summary>
    EndpointReference? ProxyEndpoint { get; }

    /// <summary>The proxy's CA certificate (<c>ca.pem</c>) on this machine, when the proxy is on; otherwise null.</summary>
    string? CertificateAuthorityPath { get; }

    /// <summary>The token the control API demands (<c>WithControlToken</c>), or null when it demands none.</summary>
    ParameterResource? ControlToken { get; }
}
