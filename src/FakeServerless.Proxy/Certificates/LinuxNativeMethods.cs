using System.Runtime.InteropServices;

namespace FakeServerless.Proxy.Certificates;

/// <summary>The Linux C library calls <see cref="UnixFileStatus"/> needs: <c>statx</c> (glibc 2.28 and later) and <c>geteuid</c>.</summary>
internal static partial class LinuxNativeMethods
{
    [LibraryImport("libc", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int statx(int dirfd, string pathname, int flags, uint mask, ref StatxBuffer statxbuf);

    [LibraryImport("libc")]
    internal static partial uint geteuid();

    /// <summary>Linux's <c>struct statx</c>: the owner and mode fields, in a buffer of its full size (256 bytes, on every architecture).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    internal struct StatxBuffer
    {
        [FieldOffset(20)]
        public uint Uid;

        [FieldOffset(28)]
        public ushort Mode;
    }
}
