namespace FakeServerless.Routing;

/// <summary>The outcome of looking a request up in the <see cref="RouteTable"/>.</summary>
internal readonly record struct RouteMatch(Route? Route, IReadOnlyDictionary<string, string> Values, IReadOnlyList<string> AllowedMethods)
{
    /// <summary>The path matched a template, but not with this method (405).</summary>
    public bool MethodNotAllowed => Route is null && AllowedMethods.Count > 0;
}
