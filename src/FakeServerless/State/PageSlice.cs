namespace FakeServerless.State;

/// <summary>One page of a list and whether there is more after it.</summary>
internal sealed record PageSlice<T>(IReadOnlyList<T> Items, bool HasNext, bool HasPrevious);
