namespace FakeServerless;

/// <summary>A request to a function on an environment's domain, as a registered C# handler sees it.</summary>
public sealed class FunctionRequest
{
    internal FunctionRequest() { }

    /// <summary>The HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>The function path, e.g. <c>/hello</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The environment's domain the request was sent to.</summary>
    public required string DomainName { get; init; }

    /// <summary>The environment serving it.</summary>
    public required string EnvironmentSid { get; init; }

    /// <summary>The function serving it.</summary>
    public required string FunctionSid { get; init; }

    /// <summary>Query and form parameters merged, as Twilio passes them in <c>event</c> (first value of each key).</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>The request headers.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The raw body text.</summary>
    public required string Body { get; init; }

    /// <summary>The environment's variables at the time of the request (<c>context</c> in Twilio).</summary>
    public required IReadOnlyDictionary<string, string> Variables { get; init; }
}
