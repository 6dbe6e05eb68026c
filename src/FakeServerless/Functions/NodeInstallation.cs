using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace FakeServerless;

/// <summary>A Node.js program that can run deployed functions (<see cref="FunctionRuntime.Node"/>): where it is and its version.</summary>
public sealed class NodeInstallation
{
    /// <summary>The oldest Node.js major version Node mode runs on (<c>@twilio/runtime-handler</c> 2.x needs 18).</summary>
    public const int MinimumMajorVersion = 18;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (long Stamp, NodeInstallation? Installation)> Known = new(StringComparer.Ordinal);

    private NodeInstallation(string executable, Version version)
    {
        Executable = executable;
        Version = version;
    }

    /// <summary>The full path of the <c>node</c> program.</summary>
    public string Executable { get; }

    /// <summary>Its version (<c>node --version</c>).</summary>
    public Version Version { get; }

    /// <summary>Whether it is recent enough for Node mode (<see cref="MinimumMajorVersion"/> or later).</summary>
    public bool IsSupported => Version.Major >= MinimumMajorVersion;

    /// <summary>
    /// The <c>node</c> program <paramref name="executable"/> names (a path, or a name looked up on <paramref name="searchPath"/>),
    /// by default <c>node</c> on <c>PATH</c>; null when there is none or it does not run.
    /// </summary>
    /// <param name="executable">A path or program name; null: <c>node</c>.</param>
    /// <param name="searchPath">The folders to look in, as <c>PATH</c> holds them; null: this process's <c>PATH</c>.</param>
    public static NodeInstallation? Find(string? executable = null, string? searchPath = null)
    {
        var path = Resolve(executable ?? "node", searchPath ?? Environment.GetEnvironmentVariable("PATH") ?? string.Empty);
        if (path is null)
        {
            return null;
        }

        // Asking node its version costs a process start; a program that did not change answers the same.
        var stamp = File.GetLastWriteTimeUtc(path).Ticks;
        if (Known.TryGetValue(path, out var known) && known.Stamp == stamp)
        {
            return known.Installation;
        }

        var found = Ask(path);
        Known[path] = (stamp, found);
        return found;
    }

    private static NodeInstallation? Ask(string path)
    {
        try
        {
            var start = new ProcessStartInfo(path, "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            if (!process.WaitForExit(15_000))
            {
                process.Kill();
                return null;
            }

            return process.ExitCode == 0 && Version.TryParse(output.TrimStart('v').Split('-')[0], out var version)
                ? new NodeInstallation(path, version)
                : null;
        }
        catch (Exception ex) when (ex is Win32Exception or IOException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A program name looked up on the search path, or a path that exists; null otherwise.</summary>
    internal static string? Resolve(string program, string searchPath)
    {
        if (program.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) || program.Contains(Path.AltDirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(program) ? Path.GetFullPath(program) : null;
        }

        var names = OperatingSystem.IsWindows() ? new[] { program + ".exe", program + ".cmd", program } : [program];
        foreach (var folder in searchPath.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Node.js v{Version} ({Executable})");
}
