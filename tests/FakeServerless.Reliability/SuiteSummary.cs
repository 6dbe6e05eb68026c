using System.Diagnostics;
using FakeServerless.Reliability.Support;

namespace FakeServerless.Reliability;

/// <summary>Prints the one summary line (requests tried, 5xx, non-Twilio bodies, leaks, violations, peak RSS) after every run.</summary>
[SetUpFixture]
public sealed class SuiteSummary
{
    private readonly Stopwatch _clock = new();

    [OneTimeSetUp]
    public void Start() => _clock.Start();

    [OneTimeTearDown]
    public void Print()
    {
        Figures.SampleRss();
        TestContext.Progress.WriteLine(Figures.Summary(_clock.Elapsed));
        foreach (var problem in Figures.Problems)
        {
            TestContext.Progress.WriteLine("  " + problem);
        }
    }
}
