namespace FakeServerless;

/// <summary>One request the fake answered, on either transport.</summary>
public sealed record JournalEntry
{
    internal JournalEntry() { }

    /// <summary>When the request arrived, on the fake's clock.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The authenticated account, or null (unauthenticated, or a request to an environment domain).</summary>
    public string? AccountSid { get; init; }

    /// <summary>
    /// Twilio's operation id (e.g. <c>CreateDeployment</c>, <c>CreateFunctionVersion</c> for uploads), <c>ServeDomain</c> for a
    /// request to an environment's domain, or <c>Unmatched</c> when no route matched.
    /// </summary>
    public required string Operation { get; init; }

    /// <summary>The HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>The host the request was sent to.</summary>
    public required string Host { get; init; }

    /// <summary>The decoded path.</summary>
    public required string Path { get; init; }

    /// <summary>Query and form parameters (repeated keys keep every value; uploaded files are summarised).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Parameters { get; init; }

    /// <summary>The HTTP status answered (0 when a fault dropped the connection, or the client went away before the answer).</summary>
    public int StatusCode { get; init; }

    /// <summary>The Twilio error code answered, if any.</summary>
    public int? ErrorCode { get; init; }

    /// <summary>How long the fake took, including injected latency (wall-clock).</summary>
    public TimeSpan Duration { get; init; }

    /// <summary><c>http</c> or <c>in-memory</c>.</summary>
    public required string Transport { get; init; }

    /// <summary>A description of the fault injected into this request, or null.</summary>
    public string? Fault { get; init; }

    /// <summary>True when no route matched the request.</summary>
    public bool IsUnmatched => Operation == RequestJournal.UnmatchedOperation;

    /// <summary>True when the answer was an error (status ≥ 400) or the connection was dropped.</summary>
    public bool IsFailure => StatusCode >= 400 || StatusCode == 0;

    /// <summary>The first value of a parameter, or null.</summary>
    public string? Parameter(string name) => Parameters.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    /// <inheritdoc />
    public override string ToString() =>
        $"{Method} {Path} -> {(StatusCode == 0 ? "dropped" : StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture))}" +
        $"{(ErrorCode is { } code ? $" ({code})" : string.Empty)} [{Operation}]{(Fault is null ? string.Empty : $" fault: {Fault}")}";
}
