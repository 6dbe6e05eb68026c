using FakeServerless.Messages;

namespace FakeServerless.Routing;

/// <summary>Every operation of the fake: method + path template → handler. Both transports serve this one table.</summary>
/// <remarks>
/// Matching runs on every request, so it allocates only what it returns: routes are grouped by segment count, a path is
/// compared segment by segment in place (literals first, so most routes fail on their first differing literal), route values
/// are built only for the route that matches, and the allowed-methods list only for a 405.
/// </remarks>
internal sealed class RouteTable
{
    /// <summary>The most segments a template may have; it bounds the stack buffer a path is split into.</summary>
    private const int MaxSegments = 16;

    private readonly List<Route> _routes = [];
    private readonly Dictionary<int, List<Route>> _bySegmentCount = [];

    public IReadOnlyList<Route> Routes => _routes;

    public RouteTable Add(string method, string template, string operation, RouteEffect effect, Func<RouteContext, EngineResponse> handler)
    {
        var route = new Route(method, template, operation, effect, handler);
        if (route.Segments.Length > MaxSegments)
        {
            throw new ArgumentException($"A route template has at most {MaxSegments} segments: {template}", nameof(template));
        }

        _routes.Add(route);
        if (!_bySegmentCount.TryGetValue(route.Segments.Length, out var group))
        {
            _bySegmentCount[route.Segments.Length] = group = [];
        }

        group.Add(route);
        return this;
    }

    public RouteMatch Match(string method, string path)
    {
        if (path.Length < 1 || path[0] != '/')
        {
            return new RouteMatch(null, RouteValues.None, []);
        }

        // The segments after the leading slash, as ranges of the path (the same as path.Split('/')[1..]).
        Span<Range> segments = stackalloc Range[MaxSegments + 1];
        var count = path.AsSpan(1).Split(segments, '/');
        if (count > MaxSegments || !_bySegmentCount.TryGetValue(count, out var candidates))
        {
            return new RouteMatch(null, RouteValues.None, []);
        }

        for (var i = 0; i < count; i++)
        {
            if (segments[i].Start.Equals(segments[i].End))
            {
                return new RouteMatch(null, RouteValues.None, []); // an empty segment matches no template
            }
        }

        List<string>? allowed = null;
        foreach (var route in candidates)
        {
            if (!Fits(route, path.AsSpan(1), segments[..count]))
            {
                continue;
            }

            if (string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                return new RouteMatch(route, Bind(route, path.AsSpan(1), segments[..count]), []);
            }

            (allowed ??= []).Add(route.Method);
        }

        return new RouteMatch(null, RouteValues.None, (IReadOnlyList<string>?)allowed ?? []);
    }

    private static bool Fits(Route route, ReadOnlySpan<char> path, ReadOnlySpan<Range> segments)
    {
        foreach (var i in route.LiteralIndexes)
        {
            if (!path[segments[i]].Equals(route.Segments[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        foreach (var i in route.SuffixedIndexes)
        {
            var segment = path[segments[i]];
            if (segment.Length <= route.Suffixes[i].Length || !segment.EndsWith(route.Suffixes[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    private static RouteValues Bind(Route route, ReadOnlySpan<char> path, ReadOnlySpan<Range> segments)
    {
        var indexes = route.ParameterIndexes;
        var values = new string[indexes.Length];
        for (var i = 0; i < indexes.Length; i++)
        {
            var segment = path[segments[indexes[i]]];
            values[i] = Uri.UnescapeDataString(segment[..^route.Suffixes[indexes[i]].Length]);
        }

        return new RouteValues(route.ValueNames, values);
    }
}
