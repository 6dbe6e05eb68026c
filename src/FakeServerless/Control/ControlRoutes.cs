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

    public ControlRoutes Add(string method, string template, string operation, Func<ControlContext, EngineResponse> handler)
    {
        _handlers.Add(operation, handler);
        _table.Add(method, template, operation, static _ => throw new InvalidOperationException("Control routes are dispatched by ControlApi."));
        return this;
    }

    public RouteMatch Match(string method, string path) => _table.Match(method, path);

    public Func<ControlContext, EngineResponse> HandlerOf(Route route) => _handlers[route.Operation];
}
