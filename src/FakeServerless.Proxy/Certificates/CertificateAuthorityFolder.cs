namespace FakeServerless.Proxy.Certificates;

/// <summary>
/// The checks that keep a CA folder the current user's alone (issue 17, item 8): the folder and every file the proxy reads or
/// writes there must be owned by the current user, writable by no one else, and not symbolic links. Otherwise another user could
/// have planted a CA that the proxy would adopt (and clients trust), or a link that the private key would be written through.
/// On Windows (ACLs) none of this applies; on Unix other than Linux the owner is not checked.
/// </summary>
internal static class CertificateAuthorityFolder
{
    private const UnixFileMode WritableByOthers = UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;

    /// <summary>Creates <paramref name="directory"/> (owner-only) if it is missing, then checks it.</summary>
    public static void Prepare(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }

        if (!UnixFileStatus.Of(directory).Exists)
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var status = UnixFileStatus.Of(directory);
        if (status.IsSymbolicLink)
        {
            throw Refused(directory, "is a symbolic link; give the folder it points to");
        }

        if (!status.IsDirectory)
        {
            throw Refused(directory, "is not a folder");
        }

        CheckOwnerAndMode(directory, status, "folder");
    }

    /// <summary>Checks <paramref name="path"/> when it exists: a regular file of the current user's that no one else can write.</summary>
    public static void CheckFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var status = UnixFileStatus.Of(path);
        if (!status.Exists)
        {
            return;
        }

        if (status.IsSymbolicLink)
        {
            throw Refused(path, "is a symbolic link; the proxy never follows one in its CA folder (remove it)");
        }

        if (!status.IsRegularFile)
        {
            throw Refused(path, "is not a regular file");
        }

        CheckOwnerAndMode(path, status, "file");
    }

    private static void CheckOwnerAndMode(string path, UnixFileStatus status, string what)
    {
        if (status.Owner is { } owner && UnixFileStatus.CurrentUser is { } me && owner != me)
        {
            throw Refused(path, $"is owned by another user (uid {owner}, this process runs as uid {me}); use a {what} of your own");
        }

        if ((status.Mode & WritableByOthers) != 0)
        {
            throw Refused(path, $"is writable by others (mode {Convert.ToString((int)status.Mode, 8)}); make it writable by its owner only (chmod go-w)");
        }
    }

    private static CertificateAuthorityException Refused(string path, string reason) =>
        new(path, $"The proxy's CA {path} {reason}. A CA folder must be its owner's alone: a CA someone else can plant there would be trusted by every client of the proxy.");
}
