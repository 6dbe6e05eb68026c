namespace FakeServerless.State;

/// <summary>The fields of a new function or asset version; a function keeps <see cref="Content"/> as UTF-8 text.</summary>
internal readonly record struct NewCodeVersion(
    string Sid,
    string AccountSid,
    string ServiceSid,
    string ParentSid,
    string Path,
    Visibility Visibility,
    ReadOnlyMemory<byte> Content,
    string ContentType,
    DateTimeOffset Now);
