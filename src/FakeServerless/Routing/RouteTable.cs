namespace FakeServerless.Routing;

/// <summary>Every operation of the fake: method + path template → handler. Both transports serve this one table.</summary>
internal sealed class RouteTable
{
    private static readonly IReadOnlyDictionary<string, string> NoValues = new Dictionary<string, string>();
    private readonly List<Route> _routes = [];

    public IReadOnlyList<Route> Routes => _routes;

    public RouteTable Add(string method, string template, string operation, Func<RouteContext, EngineResponse> handler)
    {
        _routes.Add(new Route(method, template, operation, handler));
        return this;
    }

    public RouteMatch Match(string method, string path)
    {
        var segments = path.Split('/');
        if (segments.Length < 2 || segments[0].Length != 0)
        {
            return new RouteMatch(null, NoValues, []);
        }

        var allowed = new List<string>();
        foreach (var route in _routes)
        {
            if (TryBind(route, segments, out var values))
            {
                if (string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase))
                {
                    return new RouteMatch(route, values, []);
                }

                allowed.Add(route.Method);
            }
        }

        return new RouteMatch(null, NoValues, allowed);
    }

    private static bool TryBind(Route route, string[] pathSegments, out Dictionary<string, string> values)
    {
        values = null!;

        // pathSegments[0] is the empty string before the leading slash.
        if (pathSegments.Length - 1 != route.Segments.Length)
        {
            return false;
        }

        Dictionary<string, string>? bound = null;
        for (var i = 0; i < route.Segments.Length; i++)
        {
            var template = route.Segments[i];
            var actual = pathSegments[i + 1];
            if (actual.Length == 0)
            {
                return false;
            }

            if (template[0] == '{')
            {
                bound ??= new Dictionary<string, string>(StringComparer.Ordinal);
                bound[template[1..^1]] = Uri.UnescapeDataString(actual);
            }
            else if (!string.Equals(template, actual, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        values = bound ?? new Dictionary<string, string>(StringComparer.Ordinal);
        return true;
    }
}
