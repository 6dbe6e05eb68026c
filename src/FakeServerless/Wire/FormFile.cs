namespace FakeServerless.Wire;

/// <summary>A file part of a multipart upload.</summary>
internal sealed record FormFile(string Name, string? FileName, string ContentType, byte[] Content);
