namespace FakeServerless.Functions;

/// <summary>npm could not install what a build needs; <see cref="Exception.Message"/> says why in one sentence.</summary>
internal sealed class NodeInstallException(string message, string output) : Exception(message)
{
    /// <summary>What npm printed.</summary>
    public string Output { get; } = output;
}
