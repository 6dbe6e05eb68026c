namespace FakeServerless;

/// <summary>
/// One injected fault: which requests it applies to and what it does. Configure it fluently from
/// <see cref="FaultInjector.When"/>; a rule with an answer (status or dropped connection) stops the request before it
/// reaches the state, so a faulted request changes nothing. A rule of a fake in another process sends each change to that fake
/// as it is made (<c>PATCH /_fake/faults/{id}</c>).
/// </summary>
public sealed class FaultRule
{
    private readonly Lock _gate;
    private readonly Faults.IRemoteFaults? _remote;
    private int? _remaining;

    internal FaultRule(Lock gate, string id, string? operation, string? accountSid)
    {
        _gate = gate;
        Id = id;
        Operation = operation;
        AccountSid = accountSid;
    }

    private FaultRule(Faults.IRemoteFaults remote, string id, string? operation, string? accountSid)
        : this(new Lock(), id, operation, accountSid) => _remote = remote;

    /// <summary>The rule's id (<c>fault-1</c>, <c>fault-2</c>, …): stable for its lifetime and never reused by the same fake.</summary>
    public string Id { get; }

    /// <summary>The operation id it applies to (e.g. <c>CreateDeployment</c>), or null for every operation.</summary>
    public string? Operation { get; }

    /// <summary>The account it applies to, or null for every account.</summary>
    public string? AccountSid { get; }

    /// <summary>The status answered instead of the real answer, or null.</summary>
    public int? Status { get; private set; }

    /// <summary>The Twilio error code of that answer.</summary>
    public int? Code { get; private set; }

    /// <summary>The message of that answer.</summary>
    public string? Message { get; private set; }

    /// <summary>The <c>Retry-After</c> sent with the answer, or null.</summary>
    public TimeSpan? RetryAfter { get; private set; }

    /// <summary>Wall-clock latency added before answering, or null.</summary>
    public TimeSpan? Latency { get; private set; }

    /// <summary>Whether the connection is dropped (WireMock) or the transport throws (in memory).</summary>
    public bool Drop { get; private set; }

    /// <summary>How many more requests it applies to; null means every matching request.</summary>
    public int? Remaining
    {
        get
        {
            if (_remote is not null)
            {
                return _remote.Faults().Rules.FirstOrDefault(r => r.Id == Id)?._remaining;
            }

            lock (_gate)
            {
                return _remaining;
            }
        }
    }

    /// <summary>Answer with a Twilio error body: <paramref name="status"/>, <paramref name="code"/> (default <c>20000 + status</c>) and a message.</summary>
    public FaultRule RespondWith(int status, int? code = null, string? message = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        Status = status;
        Code = code ?? 20000 + status;
        Message = message ?? DefaultMessage(status);
        return Sync(Answer);
    }

    /// <summary>Answer 429 / 20429 "Too Many Requests" with a <c>Retry-After</c> header (default 1 second).</summary>
    public FaultRule TooManyRequests(TimeSpan? retryAfter = null)
    {
        Status = 429;
        Code = 20429;
        Message = "Too Many Requests";
        RetryAfter = retryAfter ?? TimeSpan.FromSeconds(1);
        return Sync(static (w, rule) =>
        {
            Answer(w, rule);
            RetryAfterField(w, rule);
        });
    }

    /// <summary>Send <c>Retry-After</c> (whole seconds, rounded up) with the rule's error answer.</summary>
    public FaultRule WithRetryAfter(TimeSpan retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        RetryAfter = retryAfter;
        return Sync(RetryAfterField);
    }

    /// <summary>Answer 500 / 20500 "Internal Server Error".</summary>
    public FaultRule InternalServerError() => RespondWith(500);

    /// <summary>Answer 503 / 20503 "Service Unavailable".</summary>
    public FaultRule ServiceUnavailable() => RespondWith(503);

    /// <summary>Wait <paramref name="latency"/> (wall-clock) before answering; combines with an answer or lets the real answer through.</summary>
    public FaultRule WithLatency(TimeSpan latency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, TimeSpan.Zero);
        Latency = latency;
        return Sync(static (w, rule) => w.WriteNumber("latency_ms", rule.Latency!.Value.TotalMilliseconds));
    }

    /// <summary>Drop the connection without an answer (WireMock) / throw <see cref="HttpRequestException"/> (in memory).</summary>
    public FaultRule DropConnection()
    {
        Drop = true;
        return Sync(static (w, _) => w.WriteBoolean("drop", true));
    }

    /// <summary>Apply to the next <paramref name="count"/> matching requests only, then let requests succeed again.</summary>
    public FaultRule Times(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_gate)
        {
            _remaining = count;
        }

        return Sync(static (w, rule) => w.WriteNumber("times", rule._remaining!.Value));
    }

    /// <summary>Apply to the next matching request only.</summary>
    public FaultRule Once() => Times(1);

    /// <inheritdoc />
    public override string ToString()
    {
        var what = Drop ? "drop connection" : Status is { } s ? $"{s}/{Code}" : "pass through";
        var latency = Latency is { } l ? $" after {l.TotalMilliseconds:0} ms" : string.Empty;
        return $"{Operation ?? "any operation"}: {what}{latency}";
    }

    /// <summary>A rule of a remote fake, as its control API lists it.</summary>
    internal static FaultRule FromRemote(
        Faults.IRemoteFaults remote, string id, string? operation, string? accountSid, int? status, int? code, string? message,
        TimeSpan? retryAfter, TimeSpan? latency, bool drop, int? remaining) =>
        new(remote, id, operation, accountSid)
        {
            Status = status,
            Code = code,
            Message = message,
            RetryAfter = retryAfter,
            Latency = latency,
            Drop = drop,
            _remaining = remaining,
        };

    /// <summary>Sends the fields <paramref name="write"/> writes to a remote fake (nothing to do in process).</summary>
    private FaultRule Sync(Action<System.Text.Json.Utf8JsonWriter, FaultRule> write)
    {
        _remote?.UpdateFault(Id, w => write(w, this));
        return this;
    }

    private static void Answer(System.Text.Json.Utf8JsonWriter w, FaultRule rule)
    {
        w.WriteNumber("status", rule.Status!.Value);
        w.WriteNumber("code", rule.Code!.Value);
        w.WriteString("message", rule.Message);
    }

    private static void RetryAfterField(System.Text.Json.Utf8JsonWriter w, FaultRule rule) =>
        w.WriteNumber("retry_after_seconds", rule.RetryAfter!.Value.TotalSeconds);

    /// <summary>Takes one use of the rule if it applies; caller holds the injector's lock.</summary>
    internal bool TryConsume(string operation, string? accountSid)
    {
        if ((Operation is not null && !string.Equals(Operation, operation, StringComparison.Ordinal)) ||
            (AccountSid is not null && !string.Equals(AccountSid, accountSid, StringComparison.Ordinal)) ||
            _remaining is <= 0)
        {
            return false;
        }

        if (_remaining is { } remaining)
        {
            _remaining = remaining - 1;
        }

        return true;
    }

    private static string DefaultMessage(int status) => status switch
    {
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Injected fault",
    };
}
