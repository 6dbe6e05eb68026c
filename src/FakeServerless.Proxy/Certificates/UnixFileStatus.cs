using System.Runtime.InteropServices;

namespace FakeServerless.Proxy.Certificates;

/// <summary>
/// What <c>lstat</c> says of a path without following a final symbolic link: its type, owner and mode. .NET has no API for a file's
/// owner, so on Linux this asks the kernel (<c>statx</c>, whose layout is the same on every architecture); elsewhere the owner is
/// unknown (null) and only the type and mode are read.
/// </summary>
internal readonly record struct UnixFileStatus(bool Exists, bool IsSymbolicLink, bool IsDirectory, bool IsRegularFile, uint? Owner, UnixFileMode Mode)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const uint StatxMode = 0x2;
    private const uint StatxUid = 0x8;
    private const int FileTypeMask = 0xF000;
    private const int SymbolicLinkType = 0xA000;
    private const int DirectoryType = 0x4000;
    private const int RegularFileType = 0x8000;
    private const int NoSuchFile = 2;

    /// <summary>The effective user of this process; null where it cannot be known.</summary>
    public static uint? CurrentUser => OperatingSystem.IsLinux() ? LinuxNativeMethods.geteuid() : null;

    public static UnixFileStatus Of(string path)
    {
        if (OperatingSystem.IsLinux())
        {
            var buffer = new LinuxNativeMethods.StatxBuffer();
            if (LinuxNativeMethods.statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType | StatxMode | StatxUid, ref buffer) != 0)
            {
                var error = Marshal.GetLastPInvokeError();
                return error == NoSuchFile ? default : throw new IOException($"Cannot read the status of {path}: {Marshal.GetPInvokeErrorMessage(error)}");
            }

            var type = buffer.Mode & FileTypeMask;
            return new UnixFileStatus(true, type == SymbolicLinkType, type == DirectoryType, type == RegularFileType, buffer.Uid, (UnixFileMode)(buffer.Mode & 0xFFF));
        }

        var info = new FileInfo(path);
        var directory = new DirectoryInfo(path);
        if (!info.Exists && !directory.Exists && info.LinkTarget is null)
        {
            return default;
        }

        var isLink = (info.Exists ? info.LinkTarget : directory.LinkTarget) is not null || info.Attributes.HasFlag(FileAttributes.ReparsePoint);
        var mode = OperatingSystem.IsWindows() ? UnixFileMode.None : (info.Exists ? info.UnixFileMode : directory.UnixFileMode);
        return new UnixFileStatus(true, isLink, !isLink && directory.Exists, !isLink && info.Exists, null, mode);
    }
}
