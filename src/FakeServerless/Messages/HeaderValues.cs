using System.Buffers;
using FakeServerless.Messages;

namespace FakeServerless.Messages;

/// <summary>
/// What may stand in an HTTP header, coming in and going out. Going out is the last line of defence against response splitting:
/// whatever the fake stored (an uploaded file's content type, a canned function's headers, an imported state, a C# handler's
/// answer), no transport ever writes a header value holding CR, LF or any other control character.
/// </summary>
internal static class HeaderValues
{
    /// <summary>The type a body is served with when the type it was given cannot be written.</summary>
    public const string FallbackContentType = "application/octet-stream";

    // RFC 9110 field-value: visible ASCII, space and tab. Non-ASCII (obs-text) is not written either: Kestrel refuses it, and
    // clients read it in different charsets.
    private static readonly SearchValues<char> Writable = SearchValues.Create("\t !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    // RFC 9110 token: the characters of a header name.
    private static readonly SearchValues<char> TokenChars = SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    // Coming in: C0 controls but tab, and DEL. (CR and LF never arrive on a socket, which ends the line there; in memory they can.)
    private static readonly SearchValues<char> Controls = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000A\u000B\u000C\u000D\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F");

    /// <summary>True when <paramref name="value"/> holds a control character other than tab.</summary>
    public static bool HasControlCharacter(string value) => value.AsSpan().ContainsAny(Controls);

    /// <summary>True when <paramref name="value"/> can be written as a header value as it is.</summary>
    public static bool IsWritable(string value) => !value.AsSpan().ContainsAnyExcept(Writable);

    /// <summary>True when <paramref name="name"/> is a header name (an RFC 9110 token).</summary>
    public static bool IsName(string name) => name.Length > 0 && !name.AsSpan().ContainsAnyExcept(TokenChars);

    /// <summary>
    /// Makes <paramref name="response"/> safe to write, in place: a header whose name or value cannot be written is dropped, and a
    /// content type that cannot be written becomes <see cref="FallbackContentType"/>. Nothing is allocated when all is well.
    /// </summary>
    public static EngineResponse MakeWritable(EngineResponse response)
    {
        if (response.ContentType is { } contentType && !IsWritable(contentType))
        {
            response.ContentType = FallbackContentType;
        }

        List<string>? unwritable = null;
        foreach (var (name, value) in response.Headers)
        {
            if (!IsName(name) || !IsWritable(value))
            {
                (unwritable ??= []).Add(name);
            }
        }

        if (unwritable is not null)
        {
            foreach (var name in unwritable)
            {
                response.Headers.Remove(name);
            }
        }

        return response;
    }
}
