using FakeServerless.Messages;

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
        Suffixes = new string[Segments.Length];
        List<int> literals = [], parameters = [];
        for (var i = 0; i < Segments.Length; i++)
        {
            var isParameter = Segments[i][0] == '{';
            var close = Segments[i].IndexOf('}', StringComparison.Ordinal);
            ParameterNames[i] = isParameter ? Segments[i][1..close] : string.Empty;
            Suffixes[i] = isParameter ? Segments[i][(close + 1)..] : string.Empty;
            (isParameter ? parameters : literals).Add(i);
        }

        LiteralIndexes = [.. literals];
        ParameterIndexes = [.. parameters];
        SuffixedIndexes = [.. parameters.Where(i => Suffixes[i].Length > 0)];
        ValueNames = [.. parameters.Select(i => ParameterNames[i])];
    }

    public string Method { get; }

    /// <summary>The path template, e.g. <c>/v1/Services/{ServiceSid}/Environments</c> or <c>/2010-04-01/Accounts/{Sid}.json</c>.</summary>
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

    /// <summary>Per segment: the literal after a parameter, e.g. <c>.json</c> of <c>{Sid}.json</c> (Twilio's 2010 API); else empty.</summary>
    public string[] Suffixes { get; }

    /// <summary>The positions of the parameter segments that end in a literal suffix.</summary>
    public int[] SuffixedIndexes { get; }

    /// <summary>The route values' names, in the order of <see cref="ParameterIndexes"/>.</summary>
    public string[] ValueNames { get; }
}
