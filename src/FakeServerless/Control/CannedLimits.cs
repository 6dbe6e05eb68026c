using System.Text;
using FakeServerless.Domains;
using FakeServerless.Messages;
using FakeServerless.Wire;

namespace FakeServerless.Control;

/// <summary>
/// What a canned function (<c>POST /_fake/functions</c>) may hold: a status a response can carry with its body, a content type and
/// headers that are valid on the wire, at most <see cref="MaxBytes"/> and at most <see cref="MaxFunctions"/> functions, so no
/// client of the control API can make the fake hold more than a few tens of megabytes for them.
/// </summary>
internal static class CannedLimits
{
    /// <summary>The most function handlers (canned or mapped from C#) the control API adds; re-posting a path for the same scope replaces its answer.</summary>
    public const int MaxFunctions = 100;

    /// <summary>The most bytes (UTF-8) of one canned function's body, content type, headers and log lines together: 256 KiB.</summary>
    public const int MaxBytes = 256 * 1024;

    /// <summary>Headers the transports write themselves: a canned value would contradict the answer's framing.</summary>
    public static readonly IReadOnlySet<string> ManagedHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Upgrade", "Trailer", "TE", "Proxy-Connection",
    };

    /// <summary>Throws the <see cref="ControlException"/> that refuses <paramref name="canned"/> (with its <paramref name="logs"/>) at <paramref name="path"/> for <paramref name="scope"/>, if any.</summary>
    public static void Check(ControlContext ctx, FunctionScope scope, string path, FunctionResponse canned, IReadOnlyList<(string Level, string Message)> logs)
    {
        if (!HeaderText.IsMediaType(canned.ContentType))
        {
            throw ControlException.Invalid($"content_type '{LogText.Truncate(LogText.Escape(canned.ContentType))}' is not valid: use {HeaderText.MediaTypeRule}.");
        }

        if (canned.StatusCode is 204 or 205 or 304 && canned.Body.Length > 0)
        {
            throw ControlException.Invalid($"body must be empty with status {canned.StatusCode}: that status carries no body.");
        }

        var bytes = Encoding.UTF8.GetByteCount(canned.Body) + Encoding.UTF8.GetByteCount(canned.ContentType) +
            canned.Headers.Sum(h => Encoding.UTF8.GetByteCount(h.Key) + Encoding.UTF8.GetByteCount(h.Value)) +
            logs.Sum(l => Encoding.UTF8.GetByteCount(l.Message));
        if (bytes > MaxBytes)
        {
            throw new ControlException(413, BodyLimit.TooLargeCode, $"A canned function holds at most {MaxBytes} bytes of body, content type, headers and log lines; this one has {bytes}.");
        }

        if (ctx.Engine.Domains.HandlerCount >= MaxFunctions && !ctx.Engine.Domains.HasHandler(scope, path))
        {
            throw ControlException.Invalid($"The fake already answers {MaxFunctions} function paths, the most it keeps; DELETE /_fake/functions forgets them.");
        }
    }
}
