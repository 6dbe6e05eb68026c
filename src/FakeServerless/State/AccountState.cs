using System.Text.RegularExpressions;

namespace FakeServerless.State;

/// <summary>
/// Everything one account holds. Not thread-safe by itself: callers hold <see cref="Gate"/> around every call,
/// so each request sees and leaves a consistent state. Split by resource into partial files.
/// </summary>
internal sealed partial class AccountState(string accountSid, StoreContext context)
{
    public Lock Gate { get; } = new();

    public string AccountSid { get; } = accountSid;

    public StoreContext Context { get; } = context;

    public SidList<ServiceNode> Services { get; } = new(static s => s.Record.Sid);

    private DateTimeOffset Now => Context.Now;

    private string NewSid(string prefix) => Context.Sids.Next(prefix);

    [GeneratedRegex("^[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*$")]
    private static partial Regex UrlFriendly();

    private static void RequireLength(string parameter, string value, int max)
    {
        if (value.Length > max)
        {
            throw ServerlessException.Invalid($"{parameter} must be {max} characters or less in length.");
        }
    }

    private static void RequireNotBlank(string parameter, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw ServerlessException.Missing(parameter);
        }
    }
}
