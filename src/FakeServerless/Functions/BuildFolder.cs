namespace FakeServerless.Functions;

/// <summary>
/// Writes a build's function and asset versions into a folder as Twilio's runtime lays them out (<c>functions/…js</c>,
/// <c>assets/…</c>), links <c>node_modules</c> to the build's installed dependencies, and describes each file for the Node
/// host (path, visibility, file). A path that would leave the folder (<c>..</c>) is skipped.
/// </summary>
internal static class BuildFolder
{
    public static (List<Dictionary<string, object?>> Functions, List<Dictionary<string, object?>> Assets) Write(string folder, BuildRecord build, string? dependencies)
    {
        Directory.CreateDirectory(folder);
        var functions = new List<Dictionary<string, object?>>();
        foreach (var version in build.FunctionVersions)
        {
            if (FileFor(folder, "functions", version.Path, ".js") is { } file)
            {
                File.WriteAllText(file, version.Content);
                functions.Add(new() { ["path"] = version.Path, ["access"] = Access(version.Visibility), ["filePath"] = file, ["sid"] = version.FunctionSid });
            }
        }

        var assets = new List<Dictionary<string, object?>>();
        foreach (var version in build.AssetVersions)
        {
            if (FileFor(folder, "assets", version.Path, string.Empty) is { } file)
            {
                File.WriteAllBytes(file, version.Content.ToArray());
                assets.Add(new() { ["path"] = version.Path, ["access"] = Access(version.Visibility), ["filePath"] = file });
            }
        }

        if (dependencies is not null)
        {
            Directory.CreateSymbolicLink(Path.Combine(folder, "node_modules"), dependencies);
        }

        return (functions, assets);
    }

    private static string Access(Visibility visibility) => visibility switch
    {
        Visibility.Private => "private",
        Visibility.Protected => "protected",
        _ => "public",
    };

    private static string? FileFor(string folder, string kind, string path, string extension)
    {
        var root = Path.GetFullPath(Path.Combine(folder, kind));
        var relative = path.TrimStart('/');
        if (relative.Length == 0)
        {
            return null;
        }

        var file = Path.GetFullPath(Path.Combine(root, relative + extension));
        if (!file.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return null;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        return file;
    }
}
