namespace FakeServerless.Examples.Lifecycle;

/// <summary>Prints numbered steps and checks expectations; remembers whether any failed.</summary>
internal sealed class Narrator(TextWriter output)
{
    private int _step;

    public int Failures { get; private set; }

    public void Step(string title)
    {
        _step++;
        output.WriteLine();
        output.WriteLine($"{_step,2}. {title}");
    }

    public void Info(string text) => output.WriteLine($"      {text}");

    public bool Expect(bool condition, string expectation)
    {
        output.WriteLine($"      [{(condition ? "ok" : "FAILED")}] {expectation}");
        if (!condition)
        {
            Failures++;
        }

        return condition;
    }
}
