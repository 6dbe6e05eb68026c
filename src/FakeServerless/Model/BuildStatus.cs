namespace FakeServerless;

/// <summary>The lifecycle state of a Build, as Twilio reports it in <c>status</c>.</summary>
public enum BuildStatus
{
    /// <summary>The build is being packaged (<c>building</c>).</summary>
    Building,

    /// <summary>The build was verified and can be deployed (<c>completed</c>).</summary>
    Completed,

    /// <summary>Packaging failed (<c>failed</c>).</summary>
    Failed,
}
