using FakeServerless.Messages;
using FakeServerless.Routing;

namespace FakeServerless.Control;

/// <summary>
/// The control API's routes: method + template → operation id (the <c>operationId</c> in <c>openapi.json</c>) and handler.
/// Matching reuses the engine's <see cref="RouteTable"/> (templates, 405 with the allowed methods).
/// </summary>
internal sealed class ControlRoutes
{
    private readonly RouteTable _table = new();
    private readonly Dictionary<string, Func<ControlContext, EngineResponse>> _handlers = new(StringComparer.Ordinal);

    public IReadOnlyList<Route> Routes => _table.Routes;

    public ControlRoutes Add(string method, string template, string operation, RouteEffect effect, Func<ControlContext, EngineResponse> handler)
    {
        _handlers.Add(operation, handler);
        _table.Add(method, template, operation, effect, static _ => throw new InvalidOperationException("Control routes are dispatched by ControlApi."));
        return this;
    }

    /// <summary>Matches <paramref name="path"/>, a trailing slash ignored (<c>/_fake/</c> is the dashboard, as is <c>/_fake</c>).</summary>
    public RouteMatch Match(string method, string path) =>
        _table.Match(method, path.Length > 1 && path.EndsWith('/') ? path[..^1] : path);

    public Func<ControlContext, EngineResponse> HandlerOf(Route route) => _handlers[route.Operation];
}
