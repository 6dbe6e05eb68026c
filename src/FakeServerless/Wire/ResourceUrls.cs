namespace FakeServerless.Wire;

/// <summary>Absolute resource URLs on one base (the request's scheme and host, or the configured public base URL).</summary>
internal sealed class ResourceUrls(string baseUrl)
{
    public string Base { get; } = baseUrl.TrimEnd('/');

    public string Service(string sid) => $"{Base}/v1/Services/{sid}";

    public string Environment(string serviceSid, string sid) => $"{Service(serviceSid)}/Environments/{sid}";

    public string Function(string serviceSid, string sid) => $"{Service(serviceSid)}/Functions/{sid}";

    public string Asset(string serviceSid, string sid) => $"{Service(serviceSid)}/Assets/{sid}";

    public string Build(string serviceSid, string sid) => $"{Service(serviceSid)}/Builds/{sid}";
}
