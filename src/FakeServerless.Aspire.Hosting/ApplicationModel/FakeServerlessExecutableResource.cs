namespace Aspire.Hosting.ApplicationModel;

/// <summary>
/// The fake Twilio Serverless API as a process on this machine (the <c>fake-serverless</c> tool, no container runtime); add it
/// with <c>AddFakeServerlessExecutable</c>.
/// </summary>
/// <param name="name">The resource's name (also its connection string's name).</param>
/// <param name="command">The program to run, e.g. <c>fake-serverless</c> (the .NET tool on PATH) or <c>dotnet</c>.</param>
/// <param name="workingDirectory">Its working directory.</param>
public sealed class FakeServerlessExecutableResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory), IFakeServerlessResource, IFakeServerlessSettingsOwner
{
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
