namespace FakeServerless;

/// <summary>What answers a request to a deployed function on an environment's domain.</summary>
public enum FunctionRuntime
{
    /// <summary>
    /// C# handlers (<see cref="FakeServerlessServer.MapFunction(string, FunctionHandler)"/>) and canned answers; a function with
    /// neither answers 200 with a JSON description of itself. Deployed code never runs. The default in process: fast and
    /// deterministic, no Node.js needed.
    /// </summary>
    Handlers,

    /// <summary>
    /// The live build's own code runs on Node.js with Twilio's local runtime (<c>@twilio/runtime-handler</c>): one process per
    /// live build and environment, dependencies installed with npm when a build is created, every <c>console</c> line a Log
    /// record. A C# handler or canned answer for a path still wins over the code there. Needs Node.js 18 or later on
    /// <c>PATH</c> (or <see cref="FakeServerlessOptions.NodeExecutable"/>) and npm to install what the cache lacks.
    /// </summary>
    Node,
}
