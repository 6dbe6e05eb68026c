using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace FakeServerless.Functions;

/// <summary>
/// The folder where Node mode keeps what npm installed, shared by every fake on the machine and never inside a repository:
/// <c>runtime-handler/&lt;version&gt;/</c> (Twilio's <c>@twilio/runtime-handler</c>), <c>deps/&lt;hash&gt;/</c> (one folder per
/// build dependency set) and <c>host/&lt;hash&gt;/function-host.js</c> (our host program). An install runs in a fresh sibling folder
/// and is renamed into place only when npm succeeded, so concurrent installs (in this process or another fake's) never see
/// a half-installed set; a present folder is used as it is, with no npm call, so a warm cache works offline.
/// </summary>
internal sealed class NodeCache(string root, NodeInstallation node)
{
    /// <summary>The runtime-handler a build gets when its Dependencies do not name one (known to work with this host).</summary>
    public const string DefaultRuntimeHandlerVersion = "2.1.0";

    public const string RuntimeHandlerPackage = "@twilio/runtime-handler";

    private const string CompleteMarker = ".fake-serverless-complete";
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(10);
    private static int _attempt;

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _installs = new(StringComparer.Ordinal);
    private readonly Lazy<string> _hostScript = new(() => WriteHostScript(root));

    public string Root { get; } = root;

    public NodeInstallation Node { get; } = node;

    /// <summary>The cache folder when none is configured: <c>FAKESERVERLESS_NODE_CACHE</c>, else <c>FakeServerless/node</c> under the user's cache folder.</summary>
    public static string DefaultDirectory()
    {
        if (Environment.GetEnvironmentVariable("FAKESERVERLESS_NODE_CACHE") is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) is { Length: > 0 } home ? Path.Combine(home, ".cache") : Path.GetTempPath();
        return Path.Combine(cache, "FakeServerless", "node");
    }

    /// <summary>Our host program, written once per content into the cache.</summary>
    public string HostScript => _hostScript.Value;

    /// <summary>The runtime-handler version a build runs on: the one its Dependencies name, else <see cref="DefaultRuntimeHandlerVersion"/>.</summary>
    public static string RuntimeHandlerVersionOf(IReadOnlyList<BuildDependency> dependencies) =>
        dependencies.FirstOrDefault(d => d.Name == RuntimeHandlerPackage)?.Version is { Length: > 0 } named ? named : DefaultRuntimeHandlerVersion;

    /// <summary>Whether everything <paramref name="dependencies"/> need (the runtime-handler they name or the default, and the rest) is installed already.</summary>
    public bool HasInstalled(IReadOnlyList<BuildDependency> dependencies) =>
        File.Exists(Path.Combine(Root, "runtime-handler", Slug(RuntimeHandlerVersionOf(dependencies)), CompleteMarker)) &&
        (OwnDependencies(dependencies).Count == 0 || File.Exists(Path.Combine(Root, "deps", DependencyKey(OwnDependencies(dependencies)), CompleteMarker)));

    /// <summary>The folder of the <c>@twilio/runtime-handler</c> package at <paramref name="version"/>, installed first when missing.</summary>
    public async Task<string> RuntimeHandlerAsync(string version, CancellationToken ct)
    {
        var folder = await InstallAsync("runtime-handler", Slug(version), [new BuildDependency(RuntimeHandlerPackage, version)], ct).ConfigureAwait(false);
        return Path.Combine(folder, "node_modules", "@twilio", "runtime-handler");
    }

    /// <summary>
    /// The <c>node_modules</c> folder holding a build's dependencies (without the runtime-handler, which runs the build), installed
    /// first when missing; null when there are none.
    /// </summary>
    public async Task<string?> DependenciesAsync(IReadOnlyList<BuildDependency> dependencies, CancellationToken ct)
    {
        var own = OwnDependencies(dependencies);
        return own.Count == 0 ? null : Path.Combine(await InstallAsync("deps", DependencyKey(own), own, ct).ConfigureAwait(false), "node_modules");
    }

    private static List<BuildDependency> OwnDependencies(IReadOnlyList<BuildDependency> dependencies) =>
        dependencies.Where(d => d.Name != RuntimeHandlerPackage).OrderBy(d => d.Name, StringComparer.Ordinal).ToList();

    private static string DependencyKey(List<BuildDependency> own) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', own.Select(d => $"{d.Name}@{d.Version}")))))[..24];

    private async Task<string> InstallAsync(string kind, string key, IReadOnlyList<BuildDependency> packages, CancellationToken ct)
    {
        var target = Path.Combine(Root, kind, key);
        if (File.Exists(Path.Combine(target, CompleteMarker)))
        {
            return target;
        }

        var install = _installs.GetOrAdd(target, t => new Lazy<Task<string>>(() => RunInstallAsync(t, packages)));
        try
        {
            return await install.Value.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (NodeInstallException)
        {
            _installs.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(target, install)); // a failure is not cached: the next build tries again
            throw;
        }
    }

    private async Task<string> RunInstallAsync(string target, IReadOnlyList<BuildDependency> packages)
    {
        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        // Unique per process and attempt, so two fakes installing the same set never share a folder.
        var work = Path.Combine(parent, string.Create(CultureInfo.InvariantCulture, $".{Path.GetFileName(target)}.{Environment.ProcessId}.{Interlocked.Increment(ref _attempt)}.tmp"));
        Directory.CreateDirectory(work);
        try
        {
            var manifest = new Dictionary<string, object>
            {
                ["name"] = "fake-serverless-build",
                ["private"] = true,
                ["dependencies"] = packages.ToDictionary(p => p.Name, p => string.IsNullOrWhiteSpace(p.Version) ? "*" : p.Version, StringComparer.Ordinal),
            };
            await File.WriteAllTextAsync(Path.Combine(work, "package.json"), JsonSerializer.Serialize(manifest)).ConfigureAwait(false);
            var (exit, output) = await RunNpmAsync(work, "install", "--no-audit", "--no-fund", "--no-package-lock", "--omit=dev", "--loglevel=error").ConfigureAwait(false);
            if (exit != 0)
            {
                throw new NodeInstallException(Explain(packages, output), output);
            }

            await File.WriteAllTextAsync(Path.Combine(work, CompleteMarker), "npm install succeeded\n").ConfigureAwait(false);
            try
            {
                Directory.Move(work, target);
            }
            catch (IOException) when (File.Exists(Path.Combine(target, CompleteMarker)))
            {
                // Another fake installed the same set meanwhile: use its folder.
            }
            catch (IOException) when (Directory.Exists(target))
            {
                // A folder left by an install that never finished: replace it.
                Directory.Delete(target, recursive: true);
                Directory.Move(work, target);
            }

            return target;
        }
        finally
        {
            if (Directory.Exists(work))
            {
                TryDelete(work);
            }
        }
    }

    /// <summary>Runs npm (the one beside <see cref="NodeInstallation.Executable"/>, else on PATH) in <paramref name="directory"/>.</summary>
    private async Task<(int Exit, string Output)> RunNpmAsync(string directory, params string[] arguments)
    {
        var nodeFolder = Path.GetDirectoryName(Node.Executable)!;
        var searchPath = nodeFolder + Path.PathSeparator + (Environment.GetEnvironmentVariable("PATH") ?? string.Empty);
        var npm = NodeInstallation.Resolve("npm", searchPath)
            ?? throw new NodeInstallException("npm was not found beside node or on PATH; Node mode needs npm to install @twilio/runtime-handler and build dependencies.", string.Empty);
        var start = new ProcessStartInfo(npm)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PATH"] = searchPath; // npm's own "#!/usr/bin/env node" finds this node
        start.Environment["npm_config_update_notifier"] = "false";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new NodeInstallException($"npm ({npm}) could not be started.", string.Empty);
        }
        catch (Win32Exception ex)
        {
            throw new NodeInstallException($"npm ({npm}) could not be started: {ex.Message}", string.Empty);
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(InstallTimeout);
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new NodeInstallException($"npm install ran over {InstallTimeout.TotalMinutes:0} minutes and was stopped.", await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false));
            }

            return (process.ExitCode, (await stdout.ConfigureAwait(false) + await stderr.ConfigureAwait(false)).Trim());
        }
    }

    /// <summary>Why npm failed, in one sentence a test or a person can act on.</summary>
    internal static string Explain(IReadOnlyList<BuildDependency> packages, string output)
    {
        var names = string.Join(", ", packages.Select(p => $"{p.Name}@{p.Version}"));
        if (output.Contains("E404", StringComparison.Ordinal) || output.Contains("404 Not Found", StringComparison.Ordinal))
        {
            var missing = packages.FirstOrDefault(p => output.Contains($"'{p.Name}@", StringComparison.Ordinal) || output.Contains($"/{p.Name.Replace("/", "%2f", StringComparison.Ordinal)} ", StringComparison.Ordinal))?.Name;
            return $"npm could not resolve the dependencies ({names}): {(missing is null ? "a package" : $"'{missing}'")} is not in the registry.";
        }

        if (output.Contains("ETARGET", StringComparison.Ordinal) || output.Contains("No matching version", StringComparison.Ordinal))
        {
            return $"npm could not resolve the dependencies ({names}): no published version matches a requested range.";
        }

        string[] offline = ["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENETUNREACH", "EHOSTUNREACH", "ENOTCACHED", "network"];
        if (offline.Any(o => output.Contains(o, StringComparison.OrdinalIgnoreCase)))
        {
            return $"npm could not reach the package registry to install {names}, and the cache has no copy (offline? a registry set in .npmrc that does not answer?).";
        }

        var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault(l => l.Contains("ERR", StringComparison.OrdinalIgnoreCase)) ?? output;
        return $"npm install of {names} failed: {(last.Length > 300 ? last[..300] + "…" : last)}";
    }

    private static string WriteHostScript(string root)
    {
        using var stream = typeof(NodeCache).Assembly.GetManifestResourceStream("FakeServerless.Functions.function-host.js")
            ?? throw new InvalidOperationException("The Node host program is missing from the FakeServerless assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd();
        var folder = Path.Combine(root, "host", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16]);
        var path = Path.Combine(folder, "function-host.js");
        if (File.Exists(path) && File.ReadAllText(path) == text)
        {
            return path;
        }

        Directory.CreateDirectory(folder);
        var temporary = string.Create(CultureInfo.InvariantCulture, $"{path}.{Environment.ProcessId}.{Interlocked.Increment(ref _attempt)}.tmp");
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
        return path;
    }

    /// <summary>A version range as a folder name: letters, digits, dots and dashes kept, anything else hex-escaped.</summary>
    private static string Slug(string value)
    {
        var builder = new StringBuilder();
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('_').Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
        }

        return builder.Length == 0 ? "_" : builder.ToString();
    }

    internal static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temporary folder is harmless.
        }
    }
}
