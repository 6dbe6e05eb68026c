namespace FakeServerless;

/// <summary>
/// One list of a <see cref="FakeServerlessState"/> (the services of an account, the deployments of an environment, …): its
/// live items in creation order, their sequence numbers, and the sequence numbers of deleted items, which page tokens naming a
/// deleted SID still need.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class ExportedList<T>
{
    /// <summary>The live items, oldest first.</summary>
    public required IReadOnlyList<T> Items { get; init; }

    /// <summary>The sequence number of each item in <see cref="Items"/>, increasing.</summary>
    public required IReadOnlyList<long> Sequences { get; init; }

    /// <summary>Deleted SIDs and their sequence numbers.</summary>
    public required IReadOnlyDictionary<string, long> Removed { get; init; }

    /// <summary>The sequence number the next item added gets.</summary>
    public required long NextSequence { get; init; }
}
