namespace FakeServerless.Tests.Journal;

/// <summary>The journal's lock-free ring on its own: order, capacity, clearing, forgetting and concurrent writers.</summary>
public sealed class RequestJournalRingTests
{
    [Test]
    public void Entries_MoreThanCapacityAcrossChunks_KeepTheNewestInOrder()
    {
        var journal = new RequestJournal(capacity: 1500); // two chunks of the ring
        for (var i = 1; i <= 4000; i++)
        {
            journal.Add(Entry(i));
        }

        Assert.That(journal.Entries.Select(e => e.Path), Is.EqualTo(Enumerable.Range(2501, 1500).Select(i => $"/{i}")));
    }

    [Test]
    public void Add_CapacityIntMaxValue_KeepsEveryEntryWithoutAllocatingTheWholeRing()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var journal = new RequestJournal(int.MaxValue);
        for (var i = 1; i <= 3000; i++)
        {
            journal.Add(Entry(i));
        }

        Assert.That(journal.Entries.Select(e => e.Path), Is.EqualTo(Enumerable.Range(1, 3000).Select(i => $"/{i}")));
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(16L << 20), "one chunk of the ring, not all of it");
    }

    [Test]
    public void Add_SequenceOlderThanTheSlotsEntry_DoesNotOverwriteTheNewerEntry()
    {
        var journal = new RequestJournal(capacity: 2);
        var slow = journal.NextSequence(); // a request that numbered its entry, then lost the race by a whole lap
        var second = journal.NextSequence();
        var third = journal.NextSequence();
        journal.Add(Entry(2), second);
        journal.Add(Entry(3), third); // same slot as the slow one

        journal.Add(Entry(1), slow);

        Assert.That(journal.Entries.Select(e => e.Path), Is.EqualTo(new[] { "/2", "/3" }));
    }

    [Test]
    public void Clear_ThenAdd_ShowsOnlyEntriesNumberedAfterTheClear()
    {
        var journal = new RequestJournal(capacity: 10);
        journal.Add(Entry(1));
        var inFlight = journal.NextSequence(); // numbered before the clear, recorded after it

        journal.Clear();
        journal.Add(Entry(2), inFlight);
        journal.Add(Entry(3));

        Assert.That(journal.Entries.Select(e => e.Path), Is.EqualTo(new[] { "/3" }));
    }

    [Test]
    public void Forget_OneAccount_KeepsTheOthersInOrder()
    {
        var journal = new RequestJournal(capacity: 10);
        for (var i = 1; i <= 6; i++)
        {
            journal.Add(Entry(i, i % 2 == 0 ? "ACeven" : "ACodd"));
        }

        journal.Forget("ACeven");
        journal.Add(Entry(7, "ACeven"));

        Assert.That(journal.Entries.Select(e => e.Path), Is.EqualTo(new[] { "/1", "/3", "/5", "/7" }));
    }

    [Test]
    public void Add_ConcurrentWriters_EveryEntryKeptOnceInSequenceOrder()
    {
        var journal = new RequestJournal(capacity: 100_000);
        var recorded = new System.Collections.Concurrent.ConcurrentDictionary<long, string>();
        Parallel.For(0, 40_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var sequence = journal.NextSequence();
            recorded[sequence] = $"/{i}";
            journal.Add(Entry(i), sequence);
        });

        Assert.That(journal.Entries.Select(e => e.Path), Is.EqualTo(recorded.OrderBy(p => p.Key).Select(p => p.Value)));
    }

    private static JournalEntry Entry(int n, string account = "ACone") =>
        new() { AccountSid = account, Operation = ServerlessOperation.FetchService, Method = "GET", Host = "serverless.twilio.com", Path = $"/{n}", Parameters = new Dictionary<string, IReadOnlyList<string>>(), Transport = "in-memory" };
}
