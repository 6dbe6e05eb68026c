namespace FakeServerless.Testcontainers;

/// <summary>What answers a deployed function's URL in a container (<c>FAKESERVERLESS_FUNCTIONS</c>).</summary>
public enum FakeServerlessFunctions
{
    /// <summary>Canned answers (<c>POST /_fake/functions</c>), else a JSON description of the function.</summary>
    Handlers,

    /// <summary>The live build's own Node.js code, run by Twilio's runtime handler (the image must have Node.js).</summary>
    Node,
}
