using System.Text;

namespace FakeServerless.Cli.Tests.Support;

/// <summary>A thread-safe <see cref="TextWriter"/> that keeps complete lines and lets a test wait for one.</summary>
public sealed class LineWriter : TextWriter
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _partial = new();
    private readonly List<string> _lines = [];
    private readonly StringBuilder _all = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override Encoding Encoding => Encoding.UTF8;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>The first line starting with <paramref name="prefix"/> (a banner line, found wherever the banner puts it).</summary>
    public string Line(string prefix) => Lines.First(l => l.StartsWith(prefix, StringComparison.Ordinal));

    public override string ToString()
    {
        lock (_gate)
        {
            return _all.ToString();
        }
    }

    public override void Write(char value) => Write(value.ToString());

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        TaskCompletionSource changed;
        lock (_gate)
        {
            _all.Append(value);
            foreach (var c in value)
            {
                if (c == '\n')
                {
                    _lines.Add(_partial.ToString().TrimEnd('\r'));
                    _partial.Clear();
                }
                else
                {
                    _partial.Append(c);
                }
            }

            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>The first line matching <paramref name="match"/>, waiting up to <paramref name="timeout"/> for it.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_lines.FirstOrDefault(match) is { } line)
                {
                    return line;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching line within {timeout}. Output so far:\n{this}");
            }
        }
    }
}
