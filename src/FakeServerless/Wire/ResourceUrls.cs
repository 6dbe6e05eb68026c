namespace FakeServerless.Wire;

/// <summary>Absolute resource URLs on one base (the request's scheme and host, or the configured public base URL).</summary>
internal sealed class ResourceUrls(string baseUrl)
{
    public string Base { get; } = baseUrl.TrimEnd('/');

    public void Service(ref UrlText url, string sid)
    {
        url.Append(Base);
        url.Append("/v1/Services/");
        url.Append(sid);
    }

    public void Environment(ref UrlText url, string serviceSid, string sid) => Child(ref url, serviceSid, "/Environments/", sid);

    public void Function(ref UrlText url, string serviceSid, string sid) => Child(ref url, serviceSid, "/Functions/", sid);

    public void Asset(ref UrlText url, string serviceSid, string sid) => Child(ref url, serviceSid, "/Assets/", sid);

    public void Build(ref UrlText url, string serviceSid, string sid) => Child(ref url, serviceSid, "/Builds/", sid);

    public void FunctionVersion(ref UrlText url, string serviceSid, string functionSid, string sid) =>
        Version(ref url, serviceSid, "/Functions/", functionSid, sid);

    public void AssetVersion(ref UrlText url, string serviceSid, string assetSid, string sid) =>
        Version(ref url, serviceSid, "/Assets/", assetSid, sid);

    private void Version(ref UrlText url, string serviceSid, string collection, string parentSid, string sid)
    {
        Child(ref url, serviceSid, collection, parentSid);
        url.Append("/Versions/");
        url.Append(sid);
    }

    private void Child(ref UrlText url, string serviceSid, string collection, string sid)
    {
        Service(ref url, serviceSid);
        url.Append(collection);
        url.Append(sid);
    }
}
