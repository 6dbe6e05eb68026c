namespace FakeServerless.Examples.Promotion;

/// <summary>What <see cref="ReleaseManager.PromoteAsync"/> did.</summary>
/// <param name="BuildSid">The build that is now live in the target environment.</param>
/// <param name="FromEnvironmentSid">The source environment.</param>
/// <param name="ToEnvironmentSid">The target environment.</param>
/// <param name="DeploymentSid">The new deployment, or null when the target already ran the build.</param>
public sealed record PromotionResult(string BuildSid, string FromEnvironmentSid, string ToEnvironmentSid, string? DeploymentSid)
{
    /// <summary>Whether a deployment was made (false: the target was already up to date).</summary>
    public bool Deployed => DeploymentSid is not null;
}
