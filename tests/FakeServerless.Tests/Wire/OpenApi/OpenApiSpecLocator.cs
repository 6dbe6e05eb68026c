namespace FakeServerless.Tests.Wire.OpenApi;

/// <summary>
/// Finds Twilio's OpenAPI spec of Serverless v1 (<c>twilio_serverless_v1.json</c> from github.com/twilio/twilio-oai), which the
/// repository does not ship: the <c>FAKESERVERLESS_OPENAPI</c> environment variable, else a <c>shared/twilio-oai</c> folder (or a
/// twilio-oai clone) in an ancestor of the test assembly's directory.
/// </summary>
internal static class OpenApiSpecLocator
{
    public const string EnvironmentVariable = "FAKESERVERLESS_OPENAPI";

    public const string FileName = "twilio_serverless_v1.json";

    public const string HowToGetIt =
        "Twilio's OpenAPI spec of Serverless v1 was not found, so the response schemas cannot be checked. " +
        "Set FAKESERVERLESS_OPENAPI to the path of twilio_serverless_v1.json from github.com/twilio/twilio-oai " +
        "(spec/json/twilio_serverless_v1.json), or put it at shared/twilio-oai/twilio_serverless_v1.json beside the repository.";

    /// <summary>The spec's path, or null when there is none.</summary>
    public static string? Find(string? startDirectory = null)
    {
        var configured = System.Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new FileNotFoundException($"{EnvironmentVariable} names '{configured}', which does not exist.", configured);
        }

        return Search(startDirectory ?? AppContext.BaseDirectory);
    }

    /// <summary>The walk up from <paramref name="startDirectory"/>, without the environment variable.</summary>
    public static string? Search(string startDirectory)
    {
        var ancestors = new List<DirectoryInfo>();
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            ancestors.Add(directory);
        }

        // Ancestors first (e.g. /work/main/tests/... finds /work/shared), then the ancestors' siblings.
        return ancestors.SelectMany(a => Candidates(a.FullName)).FirstOrDefault(File.Exists)
            ?? ancestors.Where(a => a.Parent?.Parent is not null).SelectMany(Siblings).SelectMany(s => Candidates(s.FullName)).FirstOrDefault(File.Exists);
    }

    /// <summary>The spec's path; ignores the calling test (saying how to get the spec) when there is none.</summary>
    public static string FindOrIgnore() => Find() ?? IgnoreMissing();

    private static string IgnoreMissing()
    {
        Assert.Ignore(HowToGetIt);
        return null!; // Assert.Ignore throws.
    }

    private static IEnumerable<DirectoryInfo> Siblings(DirectoryInfo directory)
    {
        try
        {
            return directory.Parent!.EnumerateDirectories().Where(d => d.FullName != directory.FullName).ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return [];
        }
    }

    /// <summary>
    /// In <paramref name="directory"/>: <c>shared/twilio-oai/…</c> (the repository's siblings when it is an ancestor of the clone),
    /// a twilio-oai clone, or the spec itself.
    /// </summary>
    private static IEnumerable<string> Candidates(string directory)
    {
        yield return Path.Combine(directory, "shared", "twilio-oai", FileName);
        yield return Path.Combine(directory, "twilio-oai", FileName);
        yield return Path.Combine(directory, "twilio-oai", "spec", "json", FileName);
        yield return Path.Combine(directory, FileName);
    }
}
