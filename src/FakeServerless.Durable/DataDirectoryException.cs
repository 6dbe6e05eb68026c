namespace FakeServerless;

/// <summary>
/// The data directory (<c>options.UseDurableState(directory)</c>, the standalone fake's <c>--data-dir</c>) cannot be used: it is
/// damaged, not a FakeServerless data file, from a newer FakeServerless, holds writes another FakeServerless version must replay,
/// is in use by another process, or cannot be written (<see cref="Problem"/> says which). The fake refuses to start rather than
/// start empty; the message names the file and what is wrong (the CLI prints it and exits with code 3).
/// </summary>
public sealed class DataDirectoryException : Exception
{
    /// <summary>Creates the exception for <paramref name="filePath"/>.</summary>
    public DataDirectoryException(DataDirectoryProblem problem, string filePath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
        FilePath = filePath;
    }

    /// <summary>What is wrong with the directory.</summary>
    public DataDirectoryProblem Problem { get; }

    /// <summary>The file (or directory) that is wrong.</summary>
    public string FilePath { get; }
}
