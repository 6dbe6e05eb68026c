using FakeServerless.Faults;

namespace FakeServerless;

/// <summary>
/// Deterministic faults, per operation and per account: error answers, latency, dropped connections, "fail N times
/// then succeed", and a per-account rate limit. Rules are checked in the order they were added. Cleared by
/// <see cref="FakeServerlessServer.Reset()"/>. On a fake in another process (<see cref="FakeServerlessServer.Connect"/>) every member is
/// a control API call and a rule's fluent changes reach the fake as they are made; on one scoped to an account, rules apply to that
/// account unless another is named.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<FaultRule> _rules = [];
    private readonly Dictionary<string, (long Second, int Count)> _rateWindows = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly IRemoteFaults? _remote;
    private int? _rateLimit;
    private string? _rateLimitAccount;
    private long _lastId;

    // True while there is no rule and no rate limit: Decide then answers without the lock. Written under the lock after
    // every change, so a request that starts after a rule is added sees it.
    private volatile bool _idle = true;

    internal FaultInjector(TimeProvider time) => _time = time;

    /// <summary>The faults of a remote fake.</summary>
    internal FaultInjector(IRemoteFaults remote)
    {
        _remote = remote;
        _time = TimeProvider.System;
    }

    /// <summary>The rules, in the order they are checked.</summary>
    public IReadOnlyList<FaultRule> Rules
    {
        get
        {
            if (_remote is not null)
            {
                var rules = _remote.Faults().Rules;
                return _remote.ScopeAccountSid is { } scope ? [.. rules.Where(r => r.AccountSid == scope)] : rules;
            }

            lock (_gate)
            {
                return _rules.ToArray();
            }
        }
    }

    /// <summary>
    /// Adds a rule for <paramref name="operation"/> (one of <see cref="ServerlessOperation"/>, such as
    /// <see cref="ServerlessOperation.CreateDeployment"/>; null for all) and <paramref name="accountSid"/> (null for all).
    /// Say what it does with the returned rule.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="operation"/> is not an id of <see cref="ServerlessOperation"/>; the message names the closest.</exception>
    public FaultRule When(string? operation = null, string? accountSid = null)
    {
        if (_remote is null)
        {
            return Add(operation, accountSid, static _ => { });
        }

        if (operation is not null)
        {
            ServerlessOperation.ThrowIfUnknown(operation);
        }

        return _remote.AddFault(operation, accountSid ?? _remote.ScopeAccountSid);
    }

    /// <summary>Adds a rule only once <paramref name="configure"/> has said what it does: no request sees it half-made.</summary>
    internal FaultRule Add(string? operation, string? accountSid, Action<FaultRule> configure)
    {
        if (operation is not null)
        {
            ServerlessOperation.ThrowIfUnknown(operation);
        }

        var rule = new FaultRule(_gate, $"fault-{Interlocked.Increment(ref _lastId)}", operation, accountSid);
        configure(rule);
        lock (_gate)
        {
            _rules.Add(rule);
            UpdateIdle();
        }

        return rule;
    }

    /// <summary>
    /// Answers 429 / 20429 (with <c>Retry-After: 1</c>) to requests past <paramref name="requestsPerSecond"/> in one second of
    /// the fake's clock, counted per account (or only for <paramref name="accountSid"/>).
    /// </summary>
    public void RateLimit(int requestsPerSecond, string? accountSid = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requestsPerSecond, 1);
        if (_remote is not null)
        {
            _remote.SetRateLimit(requestsPerSecond, accountSid ?? _remote.ScopeAccountSid);
            return;
        }

        lock (_gate)
        {
            _rateLimit = requestsPerSecond;
            _rateLimitAccount = accountSid;
            _rateWindows.Clear();
            UpdateIdle();
        }
    }

    /// <summary>The rate limit in requests per second, or null when none is set.</summary>
    public int? RateLimitPerSecond
    {
        get
        {
            if (_remote is not null)
            {
                return _remote.Faults().RateLimit;
            }

            lock (_gate)
            {
                return _rateLimit;
            }
        }
    }

    /// <summary>The only account the rate limit applies to, or null when it applies to every account (or none is set).</summary>
    public string? RateLimitAccountSid
    {
        get
        {
            if (_remote is not null)
            {
                return _remote.Faults().RateLimitAccountSid;
            }

            lock (_gate)
            {
                return _rateLimitAccount;
            }
        }
    }

    /// <summary>Lifts the rate limit set by <see cref="RateLimit"/>; the rules stay.</summary>
    public void LiftRateLimit()
    {
        if (_remote is not null)
        {
            _remote.SetRateLimit(null, null);
            return;
        }

        lock (_gate)
        {
            _rateLimit = null;
            _rateLimitAccount = null;
            _rateWindows.Clear();
            UpdateIdle();
        }
    }

    /// <summary>Removes the rule whose <see cref="FaultRule.Id"/> is <paramref name="id"/>; false when there is none.</summary>
    public bool Remove(string id)
    {
        if (_remote is not null)
        {
            return _remote.RemoveFault(id);
        }

        lock (_gate)
        {
            var removed = _rules.RemoveAll(r => string.Equals(r.Id, id, StringComparison.Ordinal)) > 0;
            UpdateIdle();
            return removed;
        }
    }

    /// <summary>The rule whose <see cref="FaultRule.Id"/> is <paramref name="id"/>, or null.</summary>
    internal FaultRule? Find(string id)
    {
        lock (_gate)
        {
            return _rules.Find(r => string.Equals(r.Id, id, StringComparison.Ordinal));
        }
    }

    /// <summary>Removes every rule and the rate limit (on a remote fake scoped to an account: that account's rules).</summary>
    public void Clear()
    {
        if (_remote is not null)
        {
            _remote.ClearFaults(_remote.ScopeAccountSid);
            return;
        }

        lock (_gate)
        {
            _rules.Clear();
            _rateWindows.Clear();
            _rateLimit = null;
            _rateLimitAccount = null;
            UpdateIdle();
        }
    }

    /// <summary>Removes the rules whose <see cref="FaultRule.Times"/> are used up; answers how many.</summary>
    internal int RemoveExhausted()
    {
        lock (_gate)
        {
            var removed = _rules.RemoveAll(static r => r.Remaining is <= 0);
            UpdateIdle();
            return removed;
        }
    }

    /// <summary>Removes the rules that apply to <paramref name="accountSid"/> only (rules for every account stay).</summary>
    internal void RemoveRulesOf(string accountSid)
    {
        lock (_gate)
        {
            _rules.RemoveAll(r => string.Equals(r.AccountSid, accountSid, StringComparison.Ordinal));
            UpdateIdle();
        }
    }

    internal FaultDecision? Decide(string operation, string? accountSid)
    {
        if (_idle)
        {
            return null;
        }

        lock (_gate)
        {
            if (_rules.Count == 0 && _rateLimit is null)
            {
                return null;
            }

            var latency = TimeSpan.Zero;
            FaultRule? answer = null;
            var descriptions = new List<string>();
            foreach (var rule in _rules)
            {
                // An answering rule shadowed by an earlier answer keeps its uses: Once() rules queue up, one per request.
                var answers = rule.Status is not null || rule.Drop;
                if ((answers && answer is not null) || !rule.TryConsume(operation, accountSid))
                {
                    continue;
                }

                latency += rule.Latency ?? TimeSpan.Zero;
                descriptions.Add(rule.ToString());
                if (answer is null && (rule.Status is not null || rule.Drop))
                {
                    answer = rule;
                }
            }

            if (answer is null && IsRateLimited(accountSid))
            {
                answer = new FaultRule(_gate, "rate-limit", operation, accountSid).TooManyRequests(TimeSpan.FromSeconds(1));
                descriptions.Add($"rate limit of {_rateLimit} requests per second");
            }

            return descriptions.Count == 0 ? null : new FaultDecision(latency, answer, string.Join("; ", descriptions));
        }
    }

    private void UpdateIdle() => _idle = _rules.Count == 0 && _rateLimit is null;

    private bool IsRateLimited(string? accountSid)
    {
        if (_rateLimit is not { } limit || accountSid is null ||
            (_rateLimitAccount is not null && !string.Equals(_rateLimitAccount, accountSid, StringComparison.Ordinal)))
        {
            return false;
        }

        var second = _time.GetUtcNow().ToUnixTimeSeconds();
        var window = _rateWindows.TryGetValue(accountSid, out var w) && w.Second == second ? w : (second, 0);
        window.Item2++;
        _rateWindows[accountSid] = window;
        return window.Item2 > limit;
    }
}
