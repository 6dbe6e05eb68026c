namespace FakeServerless.Routing;

/// <summary>
/// What an operation does to state, marked on its route: the engine sends writes (and polls that move a build on) down the
/// write path, which in durable mode logs them before applying them, and answers reads without it. A test derived from the route
/// table checks that every write is logged and replayed and that no read changes anything.
/// </summary>
internal enum RouteEffect
{
    /// <summary>Changes nothing: answered without the write path (in durable mode without its gate, and never logged).</summary>
    Read,

    /// <summary>
    /// Changes state (or may: a refused write still draws SIDs, and is logged so replay draws them too): always sent down the
    /// write path.
    /// </summary>
    Write,

    /// <summary>
    /// A read of builds that moves a build still <c>building</c> on (a counted poll, the first look that finishes it). Answered
    /// as a read; when it finds a build it would move on, run again as a write (durable mode logs it). In memory it just applies.
    /// </summary>
    Poll,

    /// <summary>
    /// Control API only: changes what a test session set up around the state (journal, faults, canned functions), which is not
    /// state: not logged, not in an export, gone after a restart.
    /// </summary>
    Session,

    /// <summary>
    /// Changes state only through what its handler asks the write path for (<see cref="RouteContext.CreateApiKey"/>), each a
    /// command logged and replayed as itself — a minted API key with its secret — so the request itself is not logged. Its
    /// handler runs holding the write path's gate (durable mode).
    /// </summary>
    Command,
}
