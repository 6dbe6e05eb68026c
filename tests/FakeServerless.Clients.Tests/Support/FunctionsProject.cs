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
    public static string HelloSource => File.ReadAllText(Path.Combine(ChildProcess.RepositoryRoot(), "examples", "functions-project", "functions", "hello.js"));

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
