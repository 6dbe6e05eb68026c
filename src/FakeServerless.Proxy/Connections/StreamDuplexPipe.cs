using System.IO.Pipelines;

namespace FakeServerless.Proxy.Connections;

/// <summary>A stream (the TLS tunnel) as the pipes Kestrel's HTTP/1.1 layer reads and writes.</summary>
internal sealed class StreamDuplexPipe(Stream stream) : IDuplexPipe
{
    public PipeReader Input { get; } = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));

    public PipeWriter Output { get; } = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
}
