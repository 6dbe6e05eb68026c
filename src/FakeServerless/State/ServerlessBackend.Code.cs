namespace FakeServerless.State;

/// <summary>Functions and Assets, generic over their <see cref="CodeKind{TRecord, TVersion}"/>.</summary>
internal sealed partial class ServerlessBackend
{
    public PageSlice<TRecord> ListCode<TRecord, TVersion>(CodeKind<TRecord, TVersion> kind, string accountSid, string service, PageRequest page)
        where TRecord : class
        where TVersion : class =>
        Reading(accountSid, a => Page(kind.ListOf(a.FindService(service)), page, newestFirst: false, static n => n.Record));

    public TRecord CreateCode<TRecord, TVersion>(CodeKind<TRecord, TVersion> kind, string accountSid, string service, string friendlyName)
        where TRecord : class
        where TVersion : class =>
        Writing(accountSid, a => a.CreateCode(kind, a.FindService(service), friendlyName));

    public TRecord FetchCode<TRecord, TVersion>(CodeKind<TRecord, TVersion> kind, string accountSid, string service, string sid)
        where TRecord : class
        where TVersion : class =>
        Reading(accountSid, a => a.FindCode(kind, a.FindService(service), sid).Record);

    public TRecord UpdateCode<TRecord, TVersion>(CodeKind<TRecord, TVersion> kind, string accountSid, string service, string sid, string friendlyName)
        where TRecord : class
        where TVersion : class =>
        Writing(accountSid, a => a.UpdateCode(kind, a.FindService(service), sid, friendlyName));

    public void DeleteCode<TRecord, TVersion>(CodeKind<TRecord, TVersion> kind, string accountSid, string service, string sid)
        where TRecord : class
        where TVersion : class =>
        Writing(accountSid, a => Done(() => a.DeleteCode(kind, a.FindService(service), sid)));

    public PageSlice<TVersion> ListCodeVersions<TRecord, TVersion>(CodeKind<TRecord, TVersion> kind, string accountSid, string service, string sid, PageRequest page)
        where TRecord : class
        where TVersion : class =>
        Reading(accountSid, a => Page(a.FindCode(kind, a.FindService(service), sid).Versions, page, newestFirst: true, static v => v));

    public TVersion CreateCodeVersion<TRecord, TVersion>(
        CodeKind<TRecord, TVersion> kind, string accountSid, string service, string sid, string path, Visibility visibility, ReadOnlyMemory<byte> content, string contentType)
        where TRecord : class
        where TVersion : class =>
        Writing(accountSid, a =>
        {
            // Served back as a header: HTTP uploads are checked as they are read (Upload), the C# API here.
            if (!Messages.HeaderText.IsMediaType(contentType))
            {
                throw ServerlessException.Invalid($"ContentType '{Messages.LogText.Truncate(Messages.LogText.Escape(contentType))}' is not valid: use {Messages.HeaderText.MediaTypeRule}.");
            }

            var node = a.FindService(service);
            return a.CreateCodeVersion(kind, node, a.FindCode(kind, node, sid), path, visibility, content, contentType);
        });

    public TVersion FetchCodeVersion<TRecord, TVersion>(CodeKind<TRecord, TVersion> kind, string accountSid, string service, string sid, string versionSid)
        where TRecord : class
        where TVersion : class =>
        Reading(accountSid, a => a.FindCodeVersion(a.FindCode(kind, a.FindService(service), sid), versionSid));

    /// <summary>Throws the 404 a request on this function (or asset) would get; see <see cref="Require"/>.</summary>
    public void RequireCode<TRecord, TVersion>(CodeKind<TRecord, TVersion> kind, string accountSid, string service, string sid)
        where TRecord : class
        where TVersion : class =>
        Reading(accountSid, a => a.FindCode(kind, a.FindService(service), sid) is not null);
}
