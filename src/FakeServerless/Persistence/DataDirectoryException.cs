namespace FakeServerless;

/// <summary>
/// The data directory (<see cref="FakeServerlessOptions.DataDirectory"/>) cannot be used: it is damaged, from a newer
/// FakeServerless, not a FakeServerless data file, or in use by another process. The fake refuses to start rather than
/// start empty; the message names the file and what is wrong (the CLI prints it and exits with code 3).
/// </summary>
public sealed class DataDirectoryException : Exception
{
    /// <summary>Creates the exception for <paramref name="filePath"/>.</summary>
    public DataDirectoryException(string filePath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        FilePath = filePath;
    }

    /// <summary>The file (or directory) that is wrong.</summary>
    public string FilePath { get; }
}
