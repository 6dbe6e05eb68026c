namespace FakeServerless.Routing;

/// <summary>One entry of the route table: method + path template → Twilio operation and its handler.</summary>
internal sealed class Route
{
    public Route(string method, string template, string operation, RouteEffect effect, Func<RouteContext, EngineResponse> handler)
    {
        Method = method;
        Template = template;
        Operation = operation;
        Effect = effect;
        Handler = handler;
        Segments = template.Split('/', StringSplitOptions.RemoveEmptyEntries);
        ParameterNames = new string[Segments.Length];
        List<int> literals = [], parameters = [];
        for (var i = 0; i < Segments.Length; i++)
        {
            var isParameter = Segments[i][0] == '{';
            ParameterNames[i] = isParameter ? Segments[i][1..^1] : string.Empty;
            (isParameter ? parameters : literals).Add(i);
        }

        LiteralIndexes = [.. literals];
        ParameterIndexes = [.. parameters];
        ValueNames = [.. parameters.Select(i => ParameterNames[i])];
    }

    public string Method { get; }

    /// <summary>The path template, e.g. <c>/v1/Services/{ServiceSid}/Environments</c>.</summary>
    public string Template { get; }

    /// <summary>Twilio's operation id, e.g. <c>CreateDeployment</c>.</summary>
    public string Operation { get; }

    /// <summary>Whether it reads or changes state (and so goes down the write path, logged in durable mode).</summary>
    public RouteEffect Effect { get; }

    public Func<RouteContext, EngineResponse> Handler { get; }

    public string[] Segments { get; }

    /// <summary>Per segment: the route value's name for a <c>{Parameter}</c> segment, empty for a literal.</summary>
    public string[] ParameterNames { get; }

    /// <summary>The positions of the literal segments, compared first when matching.</summary>
    public int[] LiteralIndexes { get; }

    /// <summary>The positions of the <c>{Parameter}</c> segments.</summary>
    public int[] ParameterIndexes { get; }

    /// <summary>The route values' names, in the order of <see cref="ParameterIndexes"/>.</summary>
    public string[] ValueNames { get; }
}
