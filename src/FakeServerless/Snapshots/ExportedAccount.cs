namespace FakeServerless;

/// <summary>One account in a <see cref="FakeServerlessState"/>.</summary>
public sealed class ExportedAccount
{
    /// <summary>The Account SID.</summary>
    public required string AccountSid { get; init; }

    /// <summary>The account's services and everything under them.</summary>
    public required ExportedList<ExportedService> Services { get; init; }
}
