namespace FakeServerless.Proxy;

/// <summary>
/// The proxy's CA folder cannot be used safely or at all: it (or a file in it) is owned by another user, writable by others, a
/// symbolic link, or holds a CA that does not load. The proxy refuses to start rather than adopt a CA someone else could have
/// planted, or write its private key where a link points. The message names the path and what is wrong.
/// </summary>
public sealed class CertificateAuthorityException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public CertificateAuthorityException(string path, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
    }

    /// <summary>The folder or file that is wrong.</summary>
    public string Path { get; }
}
