namespace FakeServerless.Tests.Wire.OpenApi;

/// <summary>A temporary directory tree, deleted on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    private readonly string _path = Directory.CreateTempSubdirectory("fakeserverless-oai-").FullName;

    public string Create(string relative) => Directory.CreateDirectory(Path.Combine(_path, relative)).FullName;

    public string Write(string relative)
    {
        var file = Path.Combine(_path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "{}");
        return file;
    }

    public void Dispose() => Directory.Delete(_path, recursive: true);
}
