namespace FakeServerless.Clients.Tests.Support;

/// <summary>
/// A copy of examples/functions-project in a fresh temporary folder: deploy tools write into the project they deploy
/// (twilio-run's .twiliodeployinfo), and the repository must stay clean.
/// </summary>
internal sealed class FunctionsProject : IDisposable
{
    public FunctionsProject()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("fakeserverless-project-").FullName;
        var source = Path.Combine(ChildProcess.RepositoryRoot(), "examples", "functions-project");
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Directory, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>The project's root folder (package.json, .env, functions/, assets/).</summary>
    public string Directory { get; }

    /// <summary>The text of functions/hello.js, as every client uploads it.</summary>
    public static string HelloSource => File.ReadAllText(Path.Combine(Source, "functions", "hello.js"));

    /// <summary>
    /// Every function of the project as a deploy tool uploads it: path (the file name without <c>.js</c>, and without
    /// <c>.protected</c>/<c>.private</c>, which set the visibility), visibility and code; ordered by path.
    /// </summary>
    public static IReadOnlyList<(string Path, Visibility Visibility, string Content)> Functions =>
        Files("functions").Select(f => (f.Path[..^".js".Length], f.Visibility, File.ReadAllText(f.File))).ToList();

    /// <summary>Every asset of the project: path and visibility, ordered by path.</summary>
    public static IReadOnlyList<(string Path, Visibility Visibility)> Assets => Files("assets").Select(f => (f.Path, f.Visibility)).ToList();

    private static string Source => Path.Combine(ChildProcess.RepositoryRoot(), "examples", "functions-project");

    private static IEnumerable<(string Path, Visibility Visibility, string File)> Files(string kind) =>
        System.IO.Directory.EnumerateFiles(Path.Combine(Source, kind), "*", SearchOption.AllDirectories)
            .Select(file =>
            {
                var relative = "/" + Path.GetRelativePath(Path.Combine(Source, kind), file).Replace('\\', '/');
                foreach (var (marker, visibility) in new[] { (".private", Visibility.Private), (".protected", Visibility.Protected) })
                {
                    var at = relative.LastIndexOf(marker + ".", StringComparison.Ordinal);
                    if (at >= 0)
                    {
                        return (relative.Remove(at, marker.Length), visibility, file);
                    }
                }

                return (relative, Visibility.Public, file);
            })
            .OrderBy(f => f.Item1, StringComparer.Ordinal);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
