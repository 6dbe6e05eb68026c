using System.Diagnostics;

namespace FakeServerless.Container.Tests.Support;

/// <summary>Runs the <c>docker</c> command line (no Docker API client: the tests use what a user types).</summary>
public static class Docker
{
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The image under test: <c>FAKESERVERLESS_IMAGE</c>, or <c>fake-serverless:local</c> as build/container.sh tags it.</summary>
    public static string Image { get; } = Environment.GetEnvironmentVariable("FAKESERVERLESS_IMAGE") ?? "fake-serverless:local";

    /// <summary>Runs <c>docker args…</c> and returns its exit code and output; a missing docker binary is exit code 127.</summary>
    public static Task<(int Code, string Out, string Error)> TryRunAsync(params string[] args) => TryRunAsync(CommandTimeout, args);

    public static async Task<(int Code, string Out, string Error)> TryRunAsync(TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (127, string.Empty, $"cannot run docker: {ex.Message}");
        }

        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, await stdout, $"docker {string.Join(' ', args)} did not finish within {timeout}: {await stderr}");
        }

        return (process.ExitCode, (await stdout).Trim(), (await stderr).Trim());
    }

    /// <summary>Runs <c>docker args…</c>, failing the test with docker's own message unless it exits 0; returns its output.</summary>
    public static async Task<string> RunAsync(params string[] args)
    {
        var (code, output, error) = await TryRunAsync(args);
        if (code != 0)
        {
            Assert.Fail($"docker {string.Join(' ', args)} exited {code}: {error}");
        }

        return output;
    }
}
