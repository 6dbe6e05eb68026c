namespace FakeServerless.Proxy;

/// <summary>
/// The intercepting HTTPS proxy, plugged into a fake: <c>FakeServerlessServer.Start(o => o.UseProxy())</c>, then
/// <c>fake.ProxyUrl</c> and <c>fake.CertificateAuthorityPath</c>.
/// </summary>
public static class FakeServerlessProxyExtensions
{
    /// <summary>
    /// Also serves an intercepting HTTPS proxy on <see cref="FakeServerlessOptions.Host"/>: clients that honour
    /// <c>HTTPS_PROXY</c>/<c>HTTP_PROXY</c> reach the fake through it unmodified, trusting the CA in
    /// <c>fake.CertificateAuthorityPath</c>. Calling it again replaces the earlier settings.
    /// </summary>
    /// <param name="options">The fake's options.</param>
    /// <param name="port">The proxy's port; 0 (the default) picks a free one.</param>
    /// <param name="certificateAuthorityDirectory">
    /// Where the proxy keeps its certificate authority (<c>ca.pem</c>, and <c>ca-key.pem</c> readable by the owner only), created on
    /// first use and reused after. It must be owned by the current user and writable by no one else, and holds no symbolic links.
    /// Default <see langword="null"/>: <c>FakeServerless/ca</c> under the user's local application data folder
    /// (<c>~/.local/share</c> on Linux), or under the temp folder when the user has none.
    /// </param>
    /// <returns><paramref name="options"/>, for chaining.</returns>
    public static FakeServerlessOptions UseProxy(this FakeServerlessOptions options, int port = 0, string? certificateAuthorityDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        options.AddOns.RemoveAll(a => a is ProxyAddOn);
        options.AddOns.Add(new ProxyAddOn(port, certificateAuthorityDirectory));
        return options;
    }

    /// <summary>The proxy's settings on <paramref name="options"/>, when <see cref="UseProxy"/> was called.</summary>
    internal static ProxyAddOn? ProxyAddOn(this FakeServerlessOptions options) => options.AddOns.OfType<ProxyAddOn>().LastOrDefault();

    /// <param name="fake">A fake started with <see cref="UseProxy"/>.</param>
    extension(FakeServerlessServer fake)
    {
        /// <summary>
        /// The intercepting HTTPS proxy, <c>http://127.0.0.1:{port}</c>, when the fake was started with <see cref="UseProxy"/>; otherwise
        /// null. Set <c>HTTPS_PROXY</c>/<c>HTTP_PROXY</c> to it: it serves <c>CONNECT</c> to <c>*.twilio.com:443</c> and
        /// <c>*.twil.io:443</c> (TLS with a certificate signed by <c>CertificateAuthorityPath</c>) and plain-HTTP proxy requests to those
        /// hosts, all from this fake's state; any other host gets 403 (nothing is forwarded).
        /// </summary>
        public Uri? ProxyUrl => fake.AddOn<ProxyServer>()?.Url;

        /// <summary>The proxy's CA certificate (<c>ca.pem</c>) for clients to trust, when the proxy runs; otherwise null.</summary>
        public string? CertificateAuthorityPath => fake.AddOn<ProxyServer>()?.CertificateAuthorityPath;
    }
}
