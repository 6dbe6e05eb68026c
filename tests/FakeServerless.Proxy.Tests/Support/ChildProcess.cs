using System.Diagnostics;

namespace FakeServerless.Proxy.Tests.Support;

/// <summary>Runs a client program as a child process, pointed at a proxied fake only through its environment.</summary>
internal static class ChildProcess
{
    /// <summary>Proxy variables, CA settings and credentials the parent may carry, removed so only the test's own apply.</summary>
    private static readonly string[] Inherited =
    [
        "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy", "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY",
        "SSL_CERT_DIR", "SSL_CERT_FILE", "NODE_EXTRA_CA_CERTS", "TWILIO_CA_BUNDLE", "TWILIO_API_KEY", "TWILIO_API_SECRET",
    ];

    /// <summary>The repository root (the folder holding FakeServerless.sln), found upward from this test assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FakeServerless.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No FakeServerless.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>A start with the fake's proxy in HTTP_PROXY and HTTPS_PROXY and its default credentials; add the CA variable yourself.</summary>
    public static ProcessStartInfo For(ProxyFake proxy, string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var variable in Inherited)
        {
            start.Environment.Remove(variable);
        }

        start.Environment["HTTPS_PROXY"] = proxy.Fake.ProxyUrl!.ToString();
        start.Environment["HTTP_PROXY"] = proxy.Fake.ProxyUrl!.ToString();
        start.Environment["TWILIO_ACCOUNT_SID"] = proxy.Fake.AccountSid;
        start.Environment["TWILIO_AUTH_TOKEN"] = proxy.Fake.AuthToken;
        return start;
    }

    /// <summary>Runs to the end (killed after <paramref name="timeout"/>); the exit code and stdout followed by stderr.</summary>
    public static async Task<(int Exit, string Output)> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} ran over {timeout}: {await stdout}{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
