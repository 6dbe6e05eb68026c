using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace FakeServerless.Clients.Tests.Installs;

/// <summary>
/// Installs each real client once and reuses it: npm packages into their own folder of a cache outside the repository
/// (<c>FAKESERVERLESS_NPM_CACHE</c>, default <c>$TMPDIR/fakeserverless-npm</c>), Debian's <c>python3-twilio</c> with apt-get.
/// An install that fails fails the calling test with the installer's output: nothing is skipped silently.
/// <c>FAKESERVERLESS_SKIP_NODE_TESTS=1</c> or <c>FAKESERVERLESS_SKIP_PYTHON_TESTS=1</c> skips those tests, visibly.
/// </summary>
internal static class ClientInstalls
{
    /// <summary>Debian's interpreter: python3-twilio installs into its dist-packages, not into a pyenv or venv Python.</summary>
    public const string DebianPython = "/usr/bin/python3";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The npm cache folder: <c>FAKESERVERLESS_NPM_CACHE</c>, or <c>fakeserverless-npm</c> in the temp folder.</summary>
    public static string NpmCache =>
        Environment.GetEnvironmentVariable("FAKESERVERLESS_NPM_CACHE") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "fakeserverless-npm");

    /// <summary>The Twilio CLI's data folder (its plugins), kept in the cache so the serverless plugin installs once.</summary>
    public static string TwilioCliDataDirectory => Path.Combine(NpmCache, "twilio-cli-data");

    /// <summary>node_modules holding the Node SDK, <c>twilio</c> 6.x.</summary>
    public static Task<string> NodeSdkAsync() => NpmAsync("twilio-node", "twilio", 6);

    /// <summary>node_modules holding the deploy toolkit, <c>@twilio-labs/serverless-api</c> 5.x.</summary>
    public static Task<string> DeployToolkitAsync() => NpmAsync("serverless-api", "@twilio-labs/serverless-api", 5);

    /// <summary>The script of <c>twilio-run</c> 5.x, to run with node.</summary>
    public static async Task<string> TwilioRunAsync() =>
        Path.Combine(await NpmAsync("twilio-run", "twilio-run", 5), "twilio-run", "bin", "twilio-run.js");

    /// <summary>
    /// The script of the Twilio CLI (<c>twilio-cli</c> 6.x), to run with node and <c>TWILIO_DATA_DIR</c> set to
    /// <see cref="TwilioCliDataDirectory"/>, where <c>twilio plugins:install @twilio-labs/plugin-serverless</c> put its plugin.
    /// </summary>
    public static async Task<string> TwilioCliAsync()
    {
        var cli = Path.Combine(await NpmAsync("twilio-cli", "twilio-cli", 6), "twilio-cli", "bin", "run");
        var plugin = Path.Combine(TwilioCliDataDirectory, "node_modules", "@twilio-labs", "plugin-serverless");
        await Gate.WaitAsync();
        try
        {
            if (MajorVersion(plugin) == 3 && File.ReadAllText(Path.Combine(TwilioCliDataDirectory, "package.json")).Contains("@twilio-labs/plugin-serverless", StringComparison.Ordinal))
            {
                return cli;
            }

            var home = Directory.CreateTempSubdirectory("fakeserverless-cli-home-");
            try
            {
                var start = Command("node", cli, "plugins:install", "@twilio-labs/plugin-serverless");
                foreach (var (name, value) in TwilioCliEnvironment(home.FullName))
                {
                    start.Environment[name] = value;
                }

                var (exit, output) = await RunInstallerAsync(start, "the Twilio CLI's serverless plugin");
                if (exit != 0 || MajorVersion(plugin) != 3)
                {
                    Assert.Fail($"twilio plugins:install @twilio-labs/plugin-serverless (TWILIO_DATA_DIR={TwilioCliDataDirectory}) failed (exit {exit}): {output}");
                }
            }
            finally
            {
                home.Delete(recursive: true);
            }

            return cli;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// What every Twilio CLI run gets besides its credentials: a throwaway HOME (so it reads and writes no real
    /// ~/.twilio-cli), the cached plugin folder, and no update checks.
    /// </summary>
    public static IEnumerable<(string Name, string Value)> TwilioCliEnvironment(string home)
    {
        yield return ("HOME", home);
        yield return ("TWILIO_DATA_DIR", TwilioCliDataDirectory);
        yield return ("TWILIO_DISABLE_AUTOUPDATE", "true");
        yield return ("TWILIO_SKIP_NEW_VERSION_CHECK", "true");
    }

    /// <summary>Debian's Python with <c>python3-twilio</c> importable, installed with apt-get first if it is missing.</summary>
    public static async Task<string> PythonSdkAsync()
    {
        if (Environment.GetEnvironmentVariable("FAKESERVERLESS_SKIP_PYTHON_TESTS") == "1")
        {
            Assert.Ignore("FAKESERVERLESS_SKIP_PYTHON_TESTS=1: the Python SDK test is skipped on request.");
        }

        await Gate.WaitAsync();
        try
        {
            if (await PythonImportsTwilioAsync())
            {
                return DebianPython;
            }

            if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/apt-get"))
            {
                Assert.Fail($"The Python SDK test needs Debian's python3-twilio for {DebianPython} (apt-get install -y python3-twilio); this machine has no apt-get. Set FAKESERVERLESS_SKIP_PYTHON_TESTS=1 to skip it.");
            }

            var install = Command("apt-get", "-o", "DPkg::Lock::Timeout=300", "install", "-y", "--no-install-recommends", "python3-twilio");
            install.Environment["DEBIAN_FRONTEND"] = "noninteractive";
            var (exit, output) = await RunInstallerAsync(install, "python3-twilio");
            if (exit != 0)
            {
                // A fresh machine may have no package lists yet.
                var (updateExit, updateOutput) = await RunInstallerAsync(Command("apt-get", "-o", "DPkg::Lock::Timeout=300", "update"), "python3-twilio");
                (exit, output) = await RunInstallerAsync(install, "python3-twilio");
                output = $"apt-get update (exit {updateExit}): {updateOutput}\napt-get install: {output}";
            }

            if (exit != 0 || !await PythonImportsTwilioAsync())
            {
                Assert.Fail($"apt-get install -y python3-twilio failed (exit {exit}; it needs root): {output}");
            }

            return DebianPython;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A start with the given arguments and redirected output, nothing else changed.</summary>
    public static ProcessStartInfo Command(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>The major version in <c>package.json</c> of the package folder, or null when it is not installed.</summary>
    public static int? MajorVersion(string packageFolder)
    {
        var manifest = Path.Combine(packageFolder, "package.json");
        if (!File.Exists(manifest))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(manifest));
        var version = document.RootElement.GetProperty("version").GetString() ?? "";
        return int.TryParse(version.Split('.')[0], out var major) ? major : null;
    }

    /// <summary>node_modules of <c>cache/folder</c> holding <paramref name="package"/> at <paramref name="major"/>.x, installed first if missing.</summary>
    private static async Task<string> NpmAsync(string folder, string package, int major)
    {
        if (Environment.GetEnvironmentVariable("FAKESERVERLESS_SKIP_NODE_TESTS") == "1")
        {
            Assert.Ignore($"FAKESERVERLESS_SKIP_NODE_TESTS=1: the tests of {package} are skipped on request.");
        }

        var prefix = Path.Combine(NpmCache, folder);
        var modules = Path.Combine(prefix, "node_modules");
        await Gate.WaitAsync();
        try
        {
            if (MajorVersion(Path.Combine(modules, package)) == major)
            {
                return modules;
            }

            Directory.CreateDirectory(prefix);
            var spec = $"{package}@{major}";
            var (exit, output) = await RunInstallerAsync(Command("npm", "install", "--prefix", prefix, spec, "--no-audit", "--no-fund", "--no-save"), spec);
            if (exit != 0 || MajorVersion(Path.Combine(modules, package)) != major)
            {
                Assert.Fail($"npm install --prefix {prefix} {spec} failed (exit {exit}): {output}");
            }

            return modules;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<bool> PythonImportsTwilioAsync()
    {
        if (!File.Exists(DebianPython))
        {
            return false;
        }

        var (exit, _) = await ChildProcess.RunAsync(Command(DebianPython, "-c", "import twilio.rest, requests"), TimeSpan.FromMinutes(1));
        return exit == 0;
    }

    private static async Task<(int Exit, string Output)> RunInstallerAsync(ProcessStartInfo start, string what)
    {
        try
        {
            return await ChildProcess.RunAsync(start, InstallTimeout);
        }
        catch (Win32Exception ex)
        {
            Assert.Fail($"{start.FileName} is needed to install {what}, and it could not be started: {ex.Message}. Install Node.js 20+ with npm (or Debian's apt-get for Python), or set FAKESERVERLESS_SKIP_NODE_TESTS=1 / FAKESERVERLESS_SKIP_PYTHON_TESTS=1.");
            throw;
        }
    }
}
