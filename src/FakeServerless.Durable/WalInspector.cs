using System.Buffers.Binary;
using System.Globalization;

namespace FakeServerless.Persistence;

/// <summary>
/// Looks at a write-ahead log left by a crash before SQLite opens it. SQLite itself ignores frames after the last complete
/// commit (their checksums do not chain); this only finds out whether there were such frames, so the fake can say so.
/// </summary>
internal static class WalInspector
{
    private const int HeaderSize = 32;
    private const int FrameHeaderSize = 24;

    public static void NoteTornTail(string databasePath, ICollection<string> notes)
    {
        var walPath = databasePath + "-wal";
        var info = new FileInfo(walPath);
        if (!info.Exists || info.Length == 0)
        {
            return;
        }

        if (info.Length < HeaderSize)
        {
            notes.Add(Invariant($"{walPath} was cut short ({info.Length} bytes, less than its header): it is ignored; recovered to the last complete write in {databasePath}."));
            return;
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        using (var stream = new FileStream(walPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
        {
            stream.ReadExactly(header);
        }

        var pageSize = BinaryPrimitives.ReadUInt32BigEndian(header[8..]);
        if (pageSize is < 512 or > 65536)
        {
            notes.Add(Invariant($"{walPath} has a damaged header: it is ignored; recovered to the last complete write in {databasePath}."));
            return;
        }

        var partial = (info.Length - HeaderSize) % (FrameHeaderSize + pageSize);
        if (partial != 0)
        {
            notes.Add(Invariant($"{walPath} ends in a partial write ({partial} bytes of an unfinished page): SQLite ignores it; recovered to the last complete write."));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
