using Twilio.Clients;
using Twilio.Exceptions;
using Twilio.Rest.Serverless.V1.Service;
using Twilio.Rest.Serverless.V1.Service.Environment;

namespace FakeServerless.Examples.Promotion;

/// <summary>
/// Moves builds between the environments of a Twilio Serverless service: promote what runs in staging to production,
/// take an environment offline, and ride out rate limits. Environments are named by SID (<c>ZE…</c>) or unique name.
/// </summary>
public sealed class ReleaseManager
{
    private readonly ITwilioRestClient _client;
    private readonly ReleaseManagerOptions _options;

    /// <summary>Uses <paramref name="client"/> for every call.</summary>
    public ReleaseManager(ITwilioRestClient client, ReleaseManagerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new ReleaseManagerOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxAttempts, 1);
    }

    /// <summary>
    /// Deploys the build live in <paramref name="fromEnvironment"/> to <paramref name="toEnvironment"/>. Does nothing when the
    /// target already runs it.
    /// </summary>
    /// <exception cref="NothingToPromoteException">The source environment has no live build.</exception>
    /// <exception cref="ArgumentException">The service has no such environment.</exception>
    public async Task<PromotionResult> PromoteAsync(string serviceSid, string fromEnvironment, string toEnvironment, CancellationToken cancellationToken = default)
    {
        var environments = await ListEnvironmentsAsync(serviceSid).ConfigureAwait(false);
        var source = Find(environments, serviceSid, fromEnvironment);
        var target = Find(environments, serviceSid, toEnvironment);
        if (source.BuildSid is null)
        {
            throw new NothingToPromoteException(serviceSid, fromEnvironment);
        }

        if (target.BuildSid == source.BuildSid)
        {
            return new PromotionResult(source.BuildSid, source.Sid, target.Sid, DeploymentSid: null);
        }

        var deployment = await DeployWithRetryAsync(serviceSid, target.Sid, source.BuildSid, cancellationToken).ConfigureAwait(false);
        return new PromotionResult(source.BuildSid, source.Sid, target.Sid, deployment.Sid);
    }

    /// <summary>
    /// Takes <paramref name="environment"/> offline with a deployment that has no build (Twilio then drops its earlier
    /// deployments and its domain stops serving). Returns null when it was already clear.
    /// </summary>
    public async Task<DeploymentResource?> RollBackByClearingAsync(string serviceSid, string environment, CancellationToken cancellationToken = default)
    {
        var target = Find(await ListEnvironmentsAsync(serviceSid).ConfigureAwait(false), serviceSid, environment);
        return target.BuildSid is null
            ? null
            : await DeployWithRetryAsync(serviceSid, target.Sid, buildSid: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates a deployment (of <paramref name="buildSid"/>, or a clearing one when null), retrying on 429 and 503 up to
    /// <see cref="ReleaseManagerOptions.MaxAttempts"/> times and waiting as the answer's <c>Retry-After</c> says
    /// (exponential back-off from one second without it).
    /// </summary>
    public async Task<DeploymentResource> DeployWithRetryAsync(string serviceSid, string environmentSid, string? buildSid, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                return await DeploymentResource.CreateAsync(serviceSid, environmentSid, buildSid: buildSid, client: _client).ConfigureAwait(false);
            }
            catch (ApiException ex) when (ex.Status is 429 or 503 && attempt < _options.MaxAttempts)
            {
                await _options.Wait(RetryDelay(attempt), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The answer's Retry-After (the SDK keeps the last response on its HTTP client), else 1s, 2s, 4s…; capped.</summary>
    private TimeSpan RetryDelay(int attempt)
    {
        var retryAfter = _client.HttpClient?.LastResponse?.Headers?.RetryAfter;
        var delay = retryAfter?.Delta
            ?? (retryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : TimeSpan.FromSeconds(Math.Pow(2, attempt - 1)));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > _options.MaxRetryDelay ? _options.MaxRetryDelay : delay;
    }

    private async Task<IReadOnlyList<EnvironmentResource>> ListEnvironmentsAsync(string serviceSid)
    {
        var environments = await EnvironmentResource.ReadAsync(serviceSid, client: _client).ConfigureAwait(false);
        return environments.ToList();
    }

    private static EnvironmentResource Find(IReadOnlyList<EnvironmentResource> environments, string serviceSid, string sidOrUniqueName) =>
        environments.FirstOrDefault(e => e.Sid == sidOrUniqueName || e.UniqueName == sidOrUniqueName)
        ?? throw new ArgumentException(
            $"Service {serviceSid} has no environment '{sidOrUniqueName}' (it has {string.Join(", ", environments.Select(e => $"'{e.UniqueName}'"))}).",
            nameof(sidOrUniqueName));
}
