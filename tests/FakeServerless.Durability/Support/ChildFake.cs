using System.Diagnostics;
using System.Text;

namespace FakeServerless.Durability.Support;

/// <summary>
/// The standalone fake (<c>dotnet FakeServerless.Cli.dll --port 0 --data-dir DIR --snapshot-every N</c>) in a child process,
/// killed with SIGKILL by <see cref="KillHard"/>.
/// </summary>
public sealed class ChildFake : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildFake(Process process)
    {
        _process = process;
    }

    public Uri Url { get; private set; } = null!;

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    /// <summary>Starts the child on <paramref name="dataDirectory"/>; returns once it listens, or once it exited (see <see cref="ExitCode"/>).</summary>
    /// <param name="dataDirectory">Its <c>--data-dir</c>.</param>
    /// <param name="snapshotEvery">Its <c>--snapshot-every</c>.</param>
    /// <param name="wrapper">A command (and its arguments) that runs <c>dotnet</c> for it, e.g. <c>setpriv</c> to run as another user.</param>
    public static async Task<ChildFake> StartAsync(string dataDirectory, int snapshotEvery, IReadOnlyList<string>? wrapper = null)
    {
        var dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "FakeServerless.Cli.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        var command = wrapper is { Count: > 0 } ? [.. wrapper, dotnet] : new[] { dotnet };
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["HOME"] = Path.GetTempPath() }, // a wrapper's other user may not read the caller's own
        };
        foreach (var arg in command.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }

        // Handlers mode: these tests are about durable state; Node mode (the default when Node.js is on PATH) would only add start-up work.
        foreach (var arg in new[] { dll, "--port", "0", "--functions", "handlers", "--data-dir", dataDirectory, "--snapshot-every", snapshotEvery.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        var child = new ChildFake(new Process { StartInfo = start, EnableRaisingEvents = true });
        child._process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("Listening on ", StringComparison.Ordinal) == true)
            {
                child._listening.TrySetResult(new Uri(e.Data["Listening on ".Length..]));
            }
        };
        child._process.ErrorDataReceived += (_, e) =>
        {
            lock (child._stderr)
            {
                child._stderr.AppendLine(e.Data);
            }
        };
        child._process.Exited += (_, _) => child._listening.TrySetResult(null!);
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        child.Url = await child._listening.Task.WaitAsync(StartTimeout);
        if (child.Url is null)
        {
            await child._process.WaitForExitAsync(); // flushes the redirected streams
        }

        return child;
    }

    /// <summary>SIGKILL (kill -9): no shutdown code runs, as in a crash.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }

        _process.WaitForExit();
    }

    public void Dispose()
    {
        KillHard();
        _process.Dispose();
    }
}
