using System.Text;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace FakeServerless.Testcontainers;

/// <summary>
/// The fake Twilio Serverless API in a container, built by <see cref="FakeServerlessBuilder"/>: its address, an
/// <see cref="HttpClient"/> that sends Twilio's hosts to it, its credentials and control token, and the intercepting proxy with its CA.
/// </summary>
public sealed class FakeServerlessContainer : DockerContainer
{
    private readonly IContainerConfiguration _configuration;

    /// <summary>A container of <paramref name="configuration"/>; <see cref="FakeServerlessBuilder.Build"/> makes one.</summary>
    public FakeServerlessContainer(ContainerConfiguration configuration)
        : base(configuration)
    {
        _configuration = configuration;
    }

    /// <summary>The default account's SID (<see cref="FakeServerlessBuilder.WithCredentials"/>; else the CLI's <c>AC000…0001</c>).</summary>
    public string AccountSid => Variables.Read(_configuration, Variables.AccountSid) ?? Variables.DefaultAccountSid;

    /// <summary>The default account's auth token (<see cref="FakeServerlessBuilder.WithCredentials"/>; else <c>fake-auth-token</c>).</summary>
    public string AuthToken => Variables.Read(_configuration, Variables.AuthToken) ?? Variables.DefaultAuthToken;

    /// <summary>The token the control API demands (<see cref="FakeServerlessBuilder.WithControlToken"/>), or null when it demands none.</summary>
    public string? ControlToken => Variables.Read(_configuration, Variables.ControlToken);

    /// <summary>Where the fake answers from this machine: <c>http://{docker host}:{random port}</c>. The control API is under <c>/_fake/</c>.</summary>
    /// <exception cref="InvalidOperationException">The container has not started.</exception>
    public Uri GetBaseAddress() =>
        new UriBuilder(Uri.UriSchemeHttp, Hostname, GetMappedPublicPort(FakeServerlessBuilder.FakeServerlessPort)).Uri;

    /// <summary>
    /// The intercepting HTTPS proxy, <c>http://{docker host}:{random port}</c>, when <see cref="FakeServerlessBuilder.WithProxy"/>
    /// turned it on; otherwise null. Set <c>HTTPS_PROXY</c>/<c>HTTP_PROXY</c> to it and trust
    /// <see cref="GetCertificateAuthorityPemAsync"/>.
    /// </summary>
    public Uri? GetProxyAddress() =>
        Variables.Read(_configuration, Variables.ProxyPort) is null
            ? null
            : new UriBuilder(Uri.UriSchemeHttp, Hostname, GetMappedPublicPort(FakeServerlessBuilder.ProxyPort)).Uri;

    /// <summary>
    /// An <see cref="HttpClient"/> whose requests to <c>*.twilio.com</c> and <c>*.twil.io</c> go to this container (environment domains
    /// keep their Host header), as <c>FakeServerlessServer.CreateHttpClient()</c> does in process. Pass it to
    /// <c>new TwilioRestClient(sid, token, httpClient: new SystemNetHttpClient(client))</c>. You dispose it.
    /// </summary>
    public HttpClient CreateHttpClient() => new(FakeServerlessHandler.Create(GetBaseAddress()), disposeHandler: true);

    /// <summary>
    /// The fake in this container with the API of one in process (<see cref="FakeServerlessServer.Connect"/> to
    /// <see cref="GetBaseAddress"/> with <see cref="ControlToken"/>): <c>Journal</c>, <c>Faults.When(…)</c>, <c>Snapshot()</c>,
    /// <c>Seed()</c>, <c>Reset()</c>, <c>fake.Should()</c>… Scope it to one account with <paramref name="accountSid"/>. You dispose it
    /// (the container keeps running).
    /// </summary>
    /// <exception cref="InvalidOperationException">The container has not started.</exception>
    public FakeServerlessServer CreateFake(string? accountSid = null) => FakeServerlessServer.Connect(GetBaseAddress(), ControlToken, accountSid);

    /// <summary>
    /// The proxy's CA certificate (PEM), copied out of the container, for clients to trust: write it to a file for
    /// <c>NODE_EXTRA_CA_CERTS</c>, <c>curl --cacert</c> or <c>SSL_CERT_FILE</c>, or load it with <c>X509Certificate2.CreateFromPem</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">The proxy is off (<see cref="FakeServerlessBuilder.WithProxy"/>).</exception>
    public async Task<string> GetCertificateAuthorityPemAsync(CancellationToken cancellationToken = default)
    {
        if (Variables.Read(_configuration, Variables.ProxyPort) is null)
        {
            throw new InvalidOperationException("The proxy is off, so there is no CA: build the container with FakeServerlessBuilder.WithProxy().");
        }

        var directory = Variables.Read(_configuration, Variables.CertificateAuthorityDirectory) ?? Variables.ImageCertificateAuthorityDirectory;
        var pem = await ReadFileAsync(directory.TrimEnd('/') + "/ca.pem", cancellationToken).ConfigureAwait(false);
        return Encoding.ASCII.GetString(pem);
    }
}
