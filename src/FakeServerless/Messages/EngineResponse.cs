using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FakeServerless.Messages;

/// <summary>A response as the engine produces it; the transport copies it onto the wire.</summary>
internal sealed class EngineResponse
{
    public const string JsonContentType = "application/json";

    // Twilio writes URLs with a literal '&' and text as UTF-8; the default encoder would write \u0026 and \u00e9.
    // Relaxed escaping is safe here: these bodies are JSON API answers, never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public int Status { get; init; }

    public byte[] Body { get; init; } = [];

    public string? ContentType { get; set; }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The Twilio error code, for the journal; null on success.</summary>
    public int? ErrorCode { get; init; }

    /// <summary>The transport should drop the connection instead of answering (a fault).</summary>
    public bool DropConnection { get; init; }

    /// <summary>A buffer that grew past this is not kept for the thread's next answer (a huge list page stays a one-off).</summary>
    private const int MaxKeptBufferBytes = 256 * 1024;

    // One writer and buffer per thread, reused by every answer: rendering then allocates only the body it returns. Taken
    // out of the slots while in use, so a nested Json call (or a throw half-way) never shares or keeps a half-written one.
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _threadBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _threadWriter;

    public static EngineResponse Json(int status, Action<Utf8JsonWriter> write) => Json(status, write, static (w, write) => write(w));

    /// <summary>Renders a resource with its URL base (or other context); both travel by value, so no closure is allocated per answer.</summary>
    public static EngineResponse Json<TUrls, T>(int status, TUrls urls, T record, Action<Utf8JsonWriter, TUrls, T> write) =>
        Json(status, (urls, record, write), static (w, s) => s.write(w, s.urls, s.record));

    private static EngineResponse Json<TState>(int status, TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = _threadBuffer ?? new ArrayBufferWriter<byte>(4096);
        var writer = _threadWriter;
        _threadBuffer = null;
        _threadWriter = null;
        if (writer is null)
        {
            writer = new Utf8JsonWriter(buffer, WriterOptions);
        }
        else
        {
            writer.Reset(buffer);
        }

        write(writer, state);
        writer.Flush();
        var body = buffer.WrittenSpan.ToArray();
        if (buffer.Capacity <= MaxKeptBufferBytes)
        {
            buffer.ResetWrittenCount();
            _threadBuffer = buffer;
            _threadWriter = writer;
        }

        return new EngineResponse { Status = status, Body = body, ContentType = JsonContentType };
    }

    public static EngineResponse NoContent() => new() { Status = 204 };

    /// <summary>The Twilio error body: exactly <c>code</c>, <c>message</c>, <c>more_info</c>, <c>status</c>.</summary>
    public static EngineResponse Error(int status, int code, string message)
    {
        var response = Json(status, w =>
        {
            w.WriteStartObject();
            w.WriteNumber("code", code);
            w.WriteString("message", message);
            w.WriteString("more_info", $"https://www.twilio.com/docs/errors/{code}");
            w.WriteNumber("status", status);
            w.WriteEndObject();
        });
        return new EngineResponse { Status = status, Body = response.Body, ContentType = JsonContentType, ErrorCode = code };
    }

    public static EngineResponse Text(int status, string text, string contentType = "text/plain; charset=utf-8") =>
        new() { Status = status, Body = Encoding.UTF8.GetBytes(text), ContentType = contentType };
}
