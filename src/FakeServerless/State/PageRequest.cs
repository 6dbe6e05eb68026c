namespace FakeServerless.State;

/// <summary>Which page of a list to read: <c>PageSize</c>, <c>Page</c> and an optional <c>PageToken</c> (<c>PA&lt;sid&gt;</c> / <c>PB&lt;sid&gt;</c>).</summary>
internal readonly record struct PageRequest(int PageSize, int Page, string? TokenSid, bool TokenIsBefore);
