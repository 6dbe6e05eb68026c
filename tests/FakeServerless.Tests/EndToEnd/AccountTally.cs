using System.Collections.Concurrent;

namespace FakeServerless.Tests.EndToEnd;

/// <summary>What the concurrent clients of one account saw succeed.</summary>
internal sealed class AccountTally(string accountSid)
{
    public string AccountSid { get; } = accountSid;

    public ConcurrentBag<string> Services { get; } = [];

    public ConcurrentBag<(string Service, string Environment)> Environments { get; } = [];

    public ConcurrentBag<(string Service, string Build)> Builds { get; } = [];

    // Fields, not properties: the workers count with Interlocked.Increment(ref ...).
    public int Functions;

    public int FunctionVersions;

    public int Deployed;

    public int Cleared;
}
