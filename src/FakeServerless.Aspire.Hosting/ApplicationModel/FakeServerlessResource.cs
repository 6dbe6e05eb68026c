namespace Aspire.Hosting.ApplicationModel;

/// <summary>The fake Twilio Serverless API as a container (<c>fake-serverless</c> image); add it with <c>AddFakeServerless</c>.</summary>
/// <param name="name">The resource's name (also its connection string's name).</param>
public sealed class FakeServerlessResource(string name) : ContainerResource(name), IFakeServerlessResource, IFakeServerlessSettingsOwner
{
    /// <summary>The port the image listens on.</summary>
    public const int ContainerPort = 4010;

    /// <summary>The proxy's port inside the container, when the proxy is on.</summary>
    public const int ContainerProxyPort = 4011;

    /// <inheritdoc />
    public EndpointReference PrimaryEndpoint => field ??= new(this, FakeServerlessSettings.PrimaryEndpointName);

    /// <inheritdoc />
    public EndpointReference? ProxyEndpoint => Settings.ProxyEnabled ? new(this, FakeServerlessSettings.ProxyEndpointName) : null;

    /// <inheritdoc />
    public string? CertificateAuthorityPath => Settings.CertificateAuthorityPath;

    /// <inheritdoc />
    public ParameterResource? ControlToken => Settings.ControlToken;

    /// <summary>The base URL, e.g. <c>http://localhost:54321</c>.</summary>
    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.Url)}");

    FakeServerlessSettings IFakeServerlessSettingsOwner.Settings => Settings;

    internal FakeServerlessSettings Settings { get; } = new();
}
