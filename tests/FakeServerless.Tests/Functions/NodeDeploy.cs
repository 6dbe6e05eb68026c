using System.Text;

namespace FakeServerless.Tests.Functions;

/// <summary>
/// Deploys Node.js functions and assets to a fake from C# (service → environment → versions → build → wait → deploy), as a
/// deploy tool would, and waits for Node mode's build step. The Node tests (category <c>Node</c>) fail, saying so, without
/// Node.js: the fake refuses to start in Node mode.
/// </summary>
internal static class NodeDeploy
{
    public const string Category = "Node";

    public static readonly TimeSpan BuildWait = TimeSpan.FromMinutes(5);

    /// <summary>A fake in Node mode with <paramref name="configure"/> applied; fails the test naming what is missing when it cannot start.</summary>
    public static FakeServerlessServer Start(FakeServerlessTransport transport, Action<FakeServerlessOptions>? configure = null)
    {
        var options = new FakeServerlessOptions { Transport = transport, FunctionRuntime = FunctionRuntime.Node };
        configure?.Invoke(options);
        try
        {
            return FakeServerlessServer.Start(options);
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("Node.js", StringComparison.Ordinal))
        {
            Assert.Fail($"The Node tests need Node.js {NodeInstallation.MinimumMajorVersion}+ with npm on PATH: {ex.Message}");
            throw;
        }
    }

    /// <summary>A service with one environment (<c>dev</c>) whose variables are <paramref name="variables"/>.</summary>
    public static (ServiceRecord Service, EnvironmentRecord Environment) Service(FakeServerlessServer fake, string name, IReadOnlyDictionary<string, string>? variables = null, string? accountSid = null)
    {
        var account = fake.Account(accountSid);
        var service = account.CreateService(name, name);
        var environment = account.CreateEnvironment(service.Sid, "dev", "dev");
        foreach (var (key, value) in variables ?? new Dictionary<string, string>())
        {
            account.SetVariable(service.Sid, environment.Sid, key, value);
        }

        return (service, environment);
    }

    /// <summary>
    /// Uploads <paramref name="functions"/> (path → code, <c>public</c> unless the path ends <c>.protected</c>/<c>.private</c>, which is
    /// dropped) and <paramref name="assets"/>, builds them with <paramref name="dependencies"/>, and waits for the build to finish.
    /// </summary>
    public static BuildRecord Build(
        FakeServerlessServer fake, string serviceSid, Dictionary<string, string> functions, Dictionary<string, string>? assets = null,
        IEnumerable<BuildDependency>? dependencies = null, string? accountSid = null)
    {
        var account = fake.Account(accountSid);
        var functionVersions = functions.Select(f =>
        {
            var (path, visibility) = PathAndVisibility(f.Key);
            var function = account.CreateFunction(serviceSid, path.TrimStart('/'));
            return account.CreateFunctionVersion(serviceSid, function.Sid, path, f.Value, visibility).Sid;
        }).ToList();
        var assetVersions = (assets ?? new Dictionary<string, string>()).Select(a =>
        {
            var (path, visibility) = PathAndVisibility(a.Key);
            var asset = account.CreateAsset(serviceSid, path.TrimStart('/'));
            return account.CreateAssetVersion(serviceSid, asset.Sid, path, Encoding.UTF8.GetBytes(a.Value), "text/plain", visibility).Sid;
        }).ToList();
        var build = account.CreateBuild(serviceSid, functionVersions, assetVersions, dependencies);
        return WaitForBuild(fake, build.Sid, accountSid);
    }

    /// <summary>Builds and deploys to <paramref name="environmentSid"/>; the build must complete.</summary>
    public static BuildRecord Deploy(
        FakeServerlessServer fake, string serviceSid, string environmentSid, Dictionary<string, string> functions,
        Dictionary<string, string>? assets = null, IEnumerable<BuildDependency>? dependencies = null, string? accountSid = null)
    {
        var build = Build(fake, serviceSid, functions, assets, dependencies, accountSid);
        Assert.That(build.Status, Is.EqualTo(BuildStatus.Completed), () => $"build {build.Sid} {build.Status}: {fake.BuildFailureReason(build.Sid)}");
        fake.Account(accountSid).Deploy(serviceSid, environmentSid, build.Sid);
        return build;
    }

    public static BuildRecord WaitForBuild(FakeServerlessServer fake, string buildSid, string? accountSid = null)
    {
        var deadline = DateTime.UtcNow + BuildWait;
        while (true)
        {
            var build = fake.Snapshot(accountSid).Build(buildSid)!;
            if (build.Status != BuildStatus.Building || DateTime.UtcNow > deadline)
            {
                return build;
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds (the fake stops processes in the background), failing after a minute.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, Func<string> because)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail(because());
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Whether a process with this id runs (Linux: /proc).</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static (string Path, Visibility Visibility) PathAndVisibility(string key) =>
        key.EndsWith(".protected", StringComparison.Ordinal) ? (key[..^".protected".Length], Visibility.Protected)
        : key.EndsWith(".private", StringComparison.Ordinal) ? (key[..^".private".Length], Visibility.Private)
        : (key, Visibility.Public);
}
