using FakeServerless.State;

namespace FakeServerless.Tests.State;

public sealed class SidGeneratorTests
{
    [Test]
    public void SplitMix64_SeedZero_GivesTheReferenceSequence()
    {
        var generator = new SplitMix64(0);

        Assert.That(generator.Next(), Is.EqualTo(0xE220A8397B1DCDAFUL));
        Assert.That(generator.Next(), Is.EqualTo(0x6E789E6AA1B965F4UL));
    }

    [Test]
    public void Next_AnyPrefix_IsPrefixAnd32LowercaseHexDigits()
    {
        var sid = new SidGenerator(7).Next("ZD");

        Assert.That(sid, Does.Match("^ZD[0-9a-f]{32}$"));
    }

    [Test]
    public void Next_SameSeed_SameSequence()
    {
        var first = new SidGenerator(42);
        var second = new SidGenerator(42);

        var a = Enumerable.Range(0, 5).Select(_ => first.Next("ZS")).ToList();
        var b = Enumerable.Range(0, 5).Select(_ => second.Next("ZS")).ToList();

        Assert.That(a, Is.EqualTo(b));
        Assert.That(a.Distinct().Count(), Is.EqualTo(5));
    }

    [Test]
    public void Next_DifferentSeeds_DifferentSids()
    {
        Assert.That(new SidGenerator(1).Next("ZS"), Is.Not.EqualTo(new SidGenerator(2).Next("ZS")));
    }

    [Test]
    public void Reset_AfterUse_StartsTheSequenceAgain()
    {
        var generator = new SidGenerator(3);
        var first = generator.Next("ZB");
        generator.NextInt(10_000);

        generator.Reset();

        Assert.That(generator.Next("ZB"), Is.EqualTo(first));
    }

    [Test]
    public void NextInt_ManyDraws_StayInRange()
    {
        var generator = new SidGenerator(5);

        var draws = Enumerable.Range(0, 1000).Select(_ => generator.NextInt(10_000)).ToList();

        Assert.That(draws, Has.All.InRange(0, 9_999));
        Assert.That(draws.Distinct().Count(), Is.GreaterThan(900));
    }
}
