using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace FakeServerless.Clients.Tests.Installs;

/// <summary>
/// Finds the real clients that <c>build/test.sh</c> installs (the tests install nothing): npm packages, each in its own
/// folder of a cache outside the repository (<c>FAKESERVERLESS_NPM_CACHE</c>, default <c>$TMPDIR/fakeserverless-npm</c>),
/// and Debian's <c>python3-twilio</c>. A client that is missing, or at another major version, fails the calling test
/// saying what is missing and how to install it: nothing is skipped.
/// </summary>
internal static class ClientInstalls
{
    /// <summary>Debian's interpreter: python3-twilio installs into its dist-packages, not into a pyenv or venv Python.</summary>
    public const string DebianPython = "/usr/bin/python3";

    private const string Installer = "build/test.sh installs it";

    private static readonly Lazy<Task<string?>> NodeVersion = new(() => VersionOfAsync("node", "--version"));

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
        if (MajorVersion(plugin) != 3)
        {
            Assert.Fail($"The Twilio CLI's serverless plugin 3.x is not in {TwilioCliDataDirectory} (found: {Describe(MajorVersion(plugin))}). {Installer}; by hand: " +
                $"TWILIO_DATA_DIR={TwilioCliDataDirectory} node {cli} plugins:install @twilio-labs/plugin-serverless");
        }

        return cli;
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

    /// <summary>Debian's Python with <c>python3-twilio</c> importable.</summary>
    public static async Task<string> PythonSdkAsync()
    {
        var (exit, output) = File.Exists(DebianPython)
            ? await ChildProcess.RunAsync(Command(DebianPython, "-c", "import twilio.rest, requests"), TimeSpan.FromMinutes(1))
            : (-1, $"{DebianPython} does not exist");
        if (exit != 0)
        {
            Assert.Fail($"The Python SDK tests need Debian's python3-twilio for {DebianPython}, which cannot import it ({output.Trim()}). " +
                $"{Installer} (as root); by hand: apt-get install -y python3-twilio");
        }

        return DebianPython;
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

    /// <summary>node_modules of <c>cache/folder</c> holding <paramref name="package"/> at <paramref name="major"/>.x, with Node.js 20+ on PATH to run it.</summary>
    private static async Task<string> NpmAsync(string folder, string package, int major)
    {
        var prefix = Path.Combine(NpmCache, folder);
        var modules = Path.Combine(prefix, "node_modules");
        var found = MajorVersion(Path.Combine(modules, package));
        if (found != major)
        {
            Assert.Fail($"{package} {major}.x is not in the npm cache {prefix} (found: {Describe(found)}). {Installer}; by hand: npm install --prefix {prefix} {package}@{major}");
        }

        var node = await NodeVersion.Value;
        if (node is null || !int.TryParse(node.TrimStart('v').Split('.')[0], out var nodeMajor) || nodeMajor < 20)
        {
            Assert.Fail($"{package} runs on Node.js 20 or later, and `node` on PATH is {node ?? "missing"}. {Installer} (Node.js 20 from the npm registry where the system's is older).");
        }

        return modules;
    }

    private static string Describe(int? major) => major is { } m ? $"{m}.x" : "nothing";

    /// <summary>The first line a program prints for <paramref name="arguments"/>, or null when it cannot be run.</summary>
    private static async Task<string?> VersionOfAsync(string fileName, params string[] arguments)
    {
        try
        {
            var (exit, output) = await ChildProcess.RunAsync(Command(fileName, arguments), TimeSpan.FromMinutes(1));
            return exit == 0 ? output.Trim() : null;
        }
        catch (Win32Exception)
        {
            return null;
        }
    }
}
