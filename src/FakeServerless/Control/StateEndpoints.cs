namespace FakeServerless.Control;

/// <summary>
/// <c>GET /_fake/state</c> and <c>PUT /_fake/state</c>: the backend's versioned export of the whole state (or one account's),
/// once the backend offers <c>ExportState</c>/<c>ImportState</c>. Until then these routes are not served.
/// </summary>
internal static class StateEndpoints
{
    public static void Register(ControlRoutes routes)
    {
        _ = routes;
    }
}
