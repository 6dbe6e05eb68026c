using System.Globalization;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using Docker.DotNet.Models;

namespace FakeServerless.Testcontainers;

/// <summary>
/// Builds a <see cref="FakeServerlessContainer"/>: the fake Twilio Serverless API's image (<c>fake-serverless</c>, built by
/// <c>build/container.sh</c>) with its port 4010 published on a random host port, ready once <c>GET /_fake/health</c> answers 200.
/// Every <c>With…</c> sets one of the image's <c>FAKESERVERLESS_*</c> variables; the usual Testcontainers calls
/// (<c>WithNetwork</c>, <c>WithEnvironment</c>, <c>WithWaitStrategy</c>…) work too.
/// </summary>
/// <example><code>
/// await using var container = new FakeServerlessBuilder().WithSeed(42).Build();
/// await container.StartAsync();
/// var twilio = new TwilioRestClient(container.AccountSid, container.AuthToken, httpClient: new SystemNetHttpClient(container.CreateHttpClient()));
/// </code></example>
public sealed class FakeServerlessBuilder : ContainerBuilder<FakeServerlessBuilder, FakeServerlessContainer, ContainerConfiguration>
{
    /// <summary>The image <c>build/container.sh</c> builds; pass another to <see cref="FakeServerlessBuilder(string)"/>.</summary>
    public const string DefaultImage = "fake-serverless:local";

    /// <summary>The port the image serves the Twilio API, environment domains and the control API on.</summary>
    public const ushort FakeServerlessPort = 4010;

    /// <summary>The port of the intercepting HTTPS proxy inside the container, when <see cref="WithProxy"/> turns it on.</summary>
    public const ushort ProxyPort = 4011;

    /// <summary>The image's data directory and volume (durable state, and the proxy's CA under <c>ca/</c>).</summary>
    public const string DataDirectory = "/data";

    /// <summary>A builder for <see cref="DefaultImage"/>.</summary>
    public FakeServerlessBuilder()
        : this(DefaultImage)
    {
    }

    /// <summary>A builder for <paramref name="image"/> (e.g. <c>registry.example.com/fake-serverless:1.0</c>).</summary>
    public FakeServerlessBuilder(string image)
        : this(ContainerConfigurations.Empty())
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(image);
        DockerResourceConfiguration = Init().WithImage(image).DockerResourceConfiguration;
    }

    private FakeServerlessBuilder(ContainerConfiguration resourceConfiguration)
        : base(resourceConfiguration)
    {
        DockerResourceConfiguration = resourceConfiguration;
    }

    /// <inheritdoc />
    protected override ContainerConfiguration DockerResourceConfiguration { get; }

    /// <summary>Seeds the SID generator: the same seed and the same calls give the same SIDs (without it the fake picks a random seed).</summary>
    public FakeServerlessBuilder WithSeed(int seed) =>
        WithEnvironment(Variables.Seed, seed.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The default account and its token (<see cref="FakeServerlessContainer.AccountSid"/>, <see cref="FakeServerlessContainer.AuthToken"/>).
    /// Any other <c>AC</c> SID with a non-empty token still works, each its own account.
    /// </summary>
    public FakeServerlessBuilder WithCredentials(string accountSid, string authToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountSid);
        ArgumentException.ThrowIfNullOrEmpty(authToken);
        return WithEnvironment(Variables.AccountSid, accountSid).WithEnvironment(Variables.AuthToken, authToken);
    }

    /// <summary>Every <c>/_fake/</c> request then needs <c>Authorization: Bearer {token}</c> (the wait strategy sends it).</summary>
    public FakeServerlessBuilder WithControlToken(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        return WithEnvironment(Variables.ControlToken, token);
    }

    /// <summary>
    /// Keeps the fake's durable state in the named Docker volume (mounted at <see cref="DataDirectory"/>): a new container on the
    /// same volume answers as the last one did. Without it the state lives in the container's own anonymous volume.
    /// </summary>
    public FakeServerlessBuilder WithDataVolume(string volumeName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(volumeName);
        return WithVolumeMount(volumeName, DataDirectory);
    }

    /// <summary>
    /// Turns on the intercepting HTTPS proxy on <see cref="ProxyPort"/>, published on a random host port
    /// (<see cref="FakeServerlessContainer.GetProxyAddress"/>; its CA: <see cref="FakeServerlessContainer.GetCertificateAuthorityPemAsync"/>).
    /// </summary>
    public FakeServerlessBuilder WithProxy() =>
        WithEnvironment(Variables.ProxyPort, ProxyPort.ToString(CultureInfo.InvariantCulture)).WithPortBinding(ProxyPort, assignRandomHostPort: true);

    /// <summary>The fake's clock: <see cref="FakeServerlessClock.Virtual"/> moves only when told (<c>POST /_fake/clock</c>).</summary>
    public FakeServerlessBuilder WithClock(FakeServerlessClock clock) => clock switch
    {
        FakeServerlessClock.System => WithEnvironment(Variables.Clock, "system"),
        FakeServerlessClock.Virtual => WithEnvironment(Variables.Clock, "virtual"),
        _ => throw new ArgumentOutOfRangeException(nameof(clock), clock, "Use FakeServerlessClock.System or FakeServerlessClock.Virtual."),
    };

    /// <summary>When builds complete (<see cref="BuildCompletion.Immediate"/> by default; <see cref="BuildCompletion.Manual"/> waits for <c>POST /_fake/builds/{sid}/complete</c>).</summary>
    public FakeServerlessBuilder WithBuildCompletion(BuildCompletion completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var value = completion.Mode switch
        {
            BuildCompletionMode.Immediate => "immediate",
            BuildCompletionMode.Manual => "manual",
            BuildCompletionMode.AfterPolls => "polls:" + completion.Polls.ToString(CultureInfo.InvariantCulture),
            BuildCompletionMode.AfterDelay => "delay:" + completion.Delay.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
            _ => throw new ArgumentOutOfRangeException(nameof(completion), completion.Mode, "Unknown build completion mode."),
        };
        return WithEnvironment(Variables.BuildCompletion, value);
    }

    /// <summary>What answers a deployed function's URL: canned answers (<see cref="FakeServerlessFunctions.Handlers"/>) or the build's own Node.js code.</summary>
    public FakeServerlessBuilder WithFunctions(FakeServerlessFunctions functions) => functions switch
    {
        FakeServerlessFunctions.Handlers => WithEnvironment(Variables.Functions, "handlers"),
        FakeServerlessFunctions.Node => WithEnvironment(Variables.Functions, "node"),
        _ => throw new ArgumentOutOfRangeException(nameof(functions), functions, "Use FakeServerlessFunctions.Handlers or FakeServerlessFunctions.Node."),
    };

    /// <inheritdoc />
    public override FakeServerlessContainer Build()
    {
        Validate();

        // The base builder's only wait is "the container runs"; a wait strategy of the caller's replaces ours.
        var builder = DockerResourceConfiguration.WaitStrategies.Count() > 1
            ? this
            : WithWaitStrategy(Wait.ForUnixContainer().AddCustomWaitStrategy(
                new HealthWait(Variables.Read(DockerResourceConfiguration, Variables.ControlToken)),
                strategy => strategy.WithInterval(HealthWait.Interval).WithTimeout(HealthWait.Timeout)));
        return new FakeServerlessContainer(builder.DockerResourceConfiguration);
    }

    /// <inheritdoc />
    protected override FakeServerlessBuilder Init() =>
        base.Init().WithPortBinding(FakeServerlessPort, assignRandomHostPort: true);

    /// <inheritdoc />
    protected override FakeServerlessBuilder Clone(IResourceConfiguration<CreateContainerParameters> resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new ContainerConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override FakeServerlessBuilder Clone(IContainerConfiguration resourceConfiguration) =>
        Merge(DockerResourceConfiguration, new ContainerConfiguration(resourceConfiguration));

    /// <inheritdoc />
    protected override FakeServerlessBuilder Merge(ContainerConfiguration oldValue, ContainerConfiguration newValue) =>
        new(new ContainerConfiguration(oldValue, newValue));
}
