namespace FakeServerless.Routing;

/// <summary>One entry of the route table: method + path template → Twilio operation and its handler.</summary>
internal sealed class Route
{
    public Route(string method, string template, string operation, Func<RouteContext, EngineResponse> handler)
    {
        Method = method;
        Template = template;
        Operation = operation;
        Handler = handler;
        Segments = template.Split('/', StringSplitOptions.RemoveEmptyEntries);
    }

    public string Method { get; }

    /// <summary>The path template, e.g. <c>/v1/Services/{ServiceSid}/Environments</c>.</summary>
    public string Template { get; }

    /// <summary>Twilio's operation id, e.g. <c>CreateDeployment</c>.</summary>
    public string Operation { get; }

    public Func<RouteContext, EngineResponse> Handler { get; }

    public string[] Segments { get; }
}
