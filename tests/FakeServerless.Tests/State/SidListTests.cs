using FakeServerless.State;

namespace FakeServerless.Tests.State;

/// <summary>Unit tests of the internal list behind every Serverless list operation. Items are their own SIDs.</summary>
public sealed class SidListTests
{
    private static SidList<string> ListOf(params string[] sids)
    {
        var list = new SidList<string>(static s => s);
        foreach (var sid in sids)
        {
            list.Add(sid);
        }

        return list;
    }

    private static PageRequest First(int pageSize) => new(pageSize, 0, null, false);

    private static PageRequest After(string sid, int pageSize, int page = 1) => new(pageSize, page, sid, false);

    private static PageRequest Before(string sid, int pageSize, int page = 0) => new(pageSize, page, sid, true);

    [Test]
    public void Items_AfterAdds_InCreationOrderAndNewestFirstReversed()
    {
        var list = ListOf("a", "b", "c");

        Assert.That(list.Items, Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(list.NewestFirst, Is.EqualTo(new[] { "c", "b", "a" }));
        Assert.That(list.Count, Is.EqualTo(3));
    }

    [Test]
    public void TryGet_KnownAndUnknown_FindsOnlyKnown()
    {
        var list = ListOf("a");

        Assert.That(list.TryGet("a", out var found), Is.True);
        Assert.That(found, Is.EqualTo("a"));
        Assert.That(list.TryGet("z", out _), Is.False);
    }

    [Test]
    public void Replace_KeepsThePosition()
    {
        var list = new SidList<Tuple<string, int>>(static t => t.Item1);
        list.Add(Tuple.Create("a", 1));
        list.Add(Tuple.Create("b", 1));
        list.Add(Tuple.Create("c", 1));

        list.Replace(Tuple.Create("b", 2));

        Assert.That(list.Items, Is.EqualTo(new[] { Tuple.Create("a", 1), Tuple.Create("b", 2), Tuple.Create("c", 1) }));
        Assert.That(list.TryGet("b", out var b) ? b.Item2 : 0, Is.EqualTo(2));
    }

    [Test]
    public void Remove_KnownThenAgain_TrueThenFalse()
    {
        var list = ListOf("a", "b", "c");

        Assert.That(list.Remove("b"), Is.True);
        Assert.That(list.Remove("b"), Is.False);
        Assert.That(list.Items, Is.EqualTo(new[] { "a", "c" }));
        Assert.That(list.TryGet("b", out _), Is.False);
    }

    [Test]
    public void RemoveWhere_RemovesEveryMatch()
    {
        var list = ListOf("a1", "b1", "a2", "b2");

        list.RemoveWhere(s => s.StartsWith('a'));

        Assert.That(list.Items, Is.EqualTo(new[] { "b1", "b2" }));
    }

    [Test]
    public void Page_Empty_NoItemsNoNextNoPrevious()
    {
        var slice = ListOf().Page(First(50), newestFirst: false);

        Assert.That((slice.Items.Count, slice.HasNext, slice.HasPrevious), Is.EqualTo((0, false, false)));
    }

    [Test]
    public void Page_FirstPage_OldestFirstWithNext()
    {
        var slice = ListOf("a", "b", "c", "d", "e").Page(First(2), newestFirst: false);

        Assert.That(slice.Items, Is.EqualTo(new[] { "a", "b" }));
        Assert.That((slice.HasNext, slice.HasPrevious), Is.EqualTo((true, false)));
    }

    [Test]
    public void Page_ExactlyOnePageWorth_HasNoNext()
    {
        var slice = ListOf("a", "b").Page(First(2), newestFirst: false);

        Assert.That(slice.HasNext, Is.False);
    }

    [Test]
    public void Page_AfterToken_StartsPastTheTokensItem()
    {
        var list = ListOf("a", "b", "c", "d", "e");

        var second = list.Page(After("b", 2), newestFirst: false);
        var third = list.Page(After("d", 2, page: 2), newestFirst: false);

        Assert.That(second.Items, Is.EqualTo(new[] { "c", "d" }));
        Assert.That((second.HasNext, second.HasPrevious), Is.EqualTo((true, true)));
        Assert.That(third.Items, Is.EqualTo(new[] { "e" }));
        Assert.That((third.HasNext, third.HasPrevious), Is.EqualTo((false, true)));
    }

    [Test]
    public void Page_BeforeToken_ReturnsThePageBeforeInListOrder()
    {
        var list = ListOf("a", "b", "c", "d", "e");

        var slice = list.Page(Before("e", 2, page: 1), newestFirst: false);

        Assert.That(slice.Items, Is.EqualTo(new[] { "c", "d" }));
        Assert.That((slice.HasNext, slice.HasPrevious), Is.EqualTo((true, true)));
    }

    [Test]
    public void Page_BeforeTokenAtTheStart_HasNoPrevious()
    {
        var list = ListOf("a", "b", "c", "d", "e");

        var slice = list.Page(Before("c", 2), newestFirst: false);

        Assert.That(slice.Items, Is.EqualTo(new[] { "a", "b" }));
        Assert.That((slice.HasNext, slice.HasPrevious), Is.EqualTo((true, false)));
    }

    [Test]
    public void Page_NewestFirst_FirstAndAfterToken()
    {
        var list = ListOf("a", "b", "c", "d", "e");

        var first = list.Page(First(2), newestFirst: true);
        var second = list.Page(After("d", 2), newestFirst: true);
        var back = list.Page(Before("c", 2), newestFirst: true);

        Assert.That(first.Items, Is.EqualTo(new[] { "e", "d" }));
        Assert.That(second.Items, Is.EqualTo(new[] { "c", "b" }));
        Assert.That(second.HasNext, Is.True);
        Assert.That(back.Items, Is.EqualTo(new[] { "e", "d" }));
        Assert.That(back.HasPrevious, Is.False);
    }

    [Test]
    public void Page_TokenOfDeletedItem_ContinuesAfterItsPlace()
    {
        var list = ListOf("a", "b", "c", "d", "e");
        list.Remove("b");

        var slice = list.Page(After("b", 2), newestFirst: false);

        Assert.That(slice.Items, Is.EqualTo(new[] { "c", "d" }));
    }

    [Test]
    public void Page_TokenOfDeletedItemNewestFirst_ContinuesAfterItsPlace()
    {
        var list = ListOf("a", "b", "c", "d", "e");
        list.Remove("d");
        list.Remove("c");

        var slice = list.Page(After("d", 2), newestFirst: true);

        Assert.That(slice.Items, Is.EqualTo(new[] { "b", "a" }));
        Assert.That(slice.HasNext, Is.False);
    }

    [Test]
    public void Page_PreviousTokenOfDeletedItem_EndsBeforeItsPlace()
    {
        var list = ListOf("a", "b", "c", "d", "e");
        list.Remove("c");

        var slice = list.Page(Before("c", 2), newestFirst: false);

        Assert.That(slice.Items, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(slice.HasNext, Is.True);
    }

    [Test]
    public void Page_UnknownToken_FallsBackToPageOffset()
    {
        var list = ListOf("a", "b", "c", "d", "e");

        var slice = list.Page(After("zz", 2, page: 1), newestFirst: false);

        Assert.That(slice.Items, Is.EqualTo(new[] { "c", "d" }));
    }

    [Test]
    public void Page_OffsetWithoutToken_SkipsPageTimesPageSize()
    {
        var list = ListOf("a", "b", "c", "d", "e");

        var slice = list.Page(new PageRequest(2, 2, null, false), newestFirst: false);

        Assert.That(slice.Items, Is.EqualTo(new[] { "e" }));
        Assert.That((slice.HasNext, slice.HasPrevious), Is.EqualTo((false, true)));
    }

    [Test]
    public void Page_OffsetPastTheEnd_IsEmpty()
    {
        var slice = ListOf("a", "b").Page(new PageRequest(2, 5, null, false), newestFirst: false);

        Assert.That(slice.Items, Is.Empty);
        Assert.That(slice.HasNext, Is.False);
    }

    [Test]
    public void Page_WithFilter_SkipsNonMatchesAndLooksAheadForNext()
    {
        var list = ListOf("a1", "b1", "a2", "b2", "a3", "b3");
        static bool IsA(string s) => s.StartsWith('a');

        var first = list.Page(First(2), newestFirst: false, IsA);
        var second = list.Page(After("a2", 2), newestFirst: false, IsA);

        Assert.That(first.Items, Is.EqualTo(new[] { "a1", "a2" }));
        Assert.That(first.HasNext, Is.True);
        Assert.That(second.Items, Is.EqualTo(new[] { "a3" }));
        Assert.That(second.HasNext, Is.False);
    }

    [Test]
    public void Page_WithFilterOnlyNonMatchesLeft_HasNoNext()
    {
        var list = ListOf("a1", "a2", "b1", "b2");

        var slice = list.Page(First(2), newestFirst: false, s => s.StartsWith('a'));

        Assert.That(slice.Items, Is.EqualTo(new[] { "a1", "a2" }));
        Assert.That(slice.HasNext, Is.False);
    }

    [Test]
    public void Page_WithFilterAndOffset_SkipsOnlyMatches()
    {
        var list = ListOf("a1", "b1", "a2", "b2", "a3", "b3", "a4");

        var slice = list.Page(new PageRequest(2, 1, null, false), newestFirst: false, s => s.StartsWith('a'));

        Assert.That(slice.Items, Is.EqualTo(new[] { "a3", "a4" }));
    }

    [Test]
    public void Page_AfterRemovingAndAdding_NewItemsComeLast()
    {
        var list = ListOf("a", "b");
        list.Remove("a");
        list.Add("a");

        Assert.That(list.Page(First(10), newestFirst: false).Items, Is.EqualTo(new[] { "b", "a" }));
    }
}
