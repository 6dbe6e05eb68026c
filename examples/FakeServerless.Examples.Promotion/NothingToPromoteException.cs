namespace FakeServerless.Examples.Promotion;

/// <summary>The source environment of a promotion has no live build.</summary>
public sealed class NothingToPromoteException(string serviceSid, string environment)
    : InvalidOperationException($"Environment '{environment}' of service {serviceSid} has no live build to promote: deploy a build to it first.")
{
    /// <summary>The service.</summary>
    public string ServiceSid { get; } = serviceSid;

    /// <summary>The source environment, as it was named.</summary>
    public string Environment { get; } = environment;
}
