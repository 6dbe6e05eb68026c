namespace FakeServerless.State;

/// <summary>
/// Work a new build waits on before it may finish (Node mode installs its dependencies and checks its code). The backend
/// tells it of every build it creates, outside the account lock, and a <c>building</c> build whose work is pending does not
/// complete, whatever its <see cref="BuildCompletion"/> says; the work fails a build through the backend, as a test could.
/// </summary>
internal interface IBuildGate
{
    /// <summary>A build was created (called after the account lock is released).</summary>
    void Created(BuildRecord build);

    /// <summary>Whether the build's work is still running.</summary>
    bool IsPending(string buildSid);
}
