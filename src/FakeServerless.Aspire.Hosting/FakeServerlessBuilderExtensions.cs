using System.Globalization;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aspire.Hosting;

/// <summary>
/// Adds the fake Twilio Serverless API to an Aspire app host and points projects at it:
/// <c>var twilio = builder.AddFakeServerless("twilio"); builder.AddProject&lt;Projects.Api&gt;("api").WithReference(twilio).WaitFor(twilio);</c>
/// </summary>
public static class FakeServerlessBuilderExtensions
{
    /// <summary>The image <c>build/container.sh</c> builds (<c>fake-serverless:local</c>); change it with <c>WithImage</c>/<c>WithImageTag</c>.</summary>
    public const string DefaultImage = "fake-serverless";

    /// <summary>The tag of <see cref="DefaultImage"/>.</summary>
    public const string DefaultTag = "local";

    /// <summary>The default account a referencing project gets (<c>FAKESERVERLESS_ACCOUNT_SID</c>): the fake's own default.</summary>
    public const string DefaultAccountSid = "AC00000000000000000000000000000001";

    /// <summary>The default account's auth token (<c>FAKESERVERLESS_AUTH_TOKEN</c>).</summary>
    public const string DefaultAuthToken = "fake-auth-token";

    /// <summary>
    /// Adds the fake as a container of the <c>fake-serverless:local</c> image (build it with <c>build/container.sh</c>), its port
    /// 4010 published on <paramref name="port"/> (default: a free one), healthy once <c>GET /_fake/health</c> answers, with its
    /// dashboard (<c>/_fake/</c>) among its URLs. Where no container runtime is wanted use <see cref="AddFakeServerlessExecutable"/>.
    /// </summary>
    public static IResourceBuilder<FakeServerlessResource> AddFakeServerless(this IDistributedApplicationBuilder builder, [ResourceName] string name, int? port = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddResource(new FakeServerlessResource(name))
            .WithImage(DefaultImage, DefaultTag)
            .WithHttpEndpoint(port: port, targetPort: FakeServerlessResource.ContainerPort, name: FakeServerlessSettings.PrimaryEndpointName)
            .WithFakeServerlessDefaults();
    }

    /// <summary>
    /// Adds the fake as a process on this machine: <paramref name="command"/> with <paramref name="args"/>, by default
    /// <c>fake-serverless</c>, the .NET tool (<c>dotnet tool install -g FakeServerless.Cli</c>); for a local tool manifest use
    /// <c>AddFakeServerlessExecutable("twilio", "dotnet", "tool", "run", "fake-serverless", "--")</c>. It listens on 127.0.0.1 on a
    /// port Aspire picks (<c>FAKESERVERLESS_PORT</c>), with the same health check and dashboard URL as the container.
    /// </summary>
    public static IResourceBuilder<FakeServerlessExecutableResource> AddFakeServerlessExecutable(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, string command = "fake-serverless", params string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        return builder.AddResource(new FakeServerlessExecutableResource(name, command, builder.AppHostDirectory))
            .WithArgs(args)
            .WithHttpEndpoint(env: "FAKESERVERLESS_PORT", name: FakeServerlessSettings.PrimaryEndpointName)
            .WithFakeServerlessDefaults();
    }

    /// <summary>
    /// Keeps the container's durable state in a named volume (default: one named after the app host and resource) mounted at
    /// <c>/data</c>, so it survives restarts of the app host.
    /// </summary>
    public static IResourceBuilder<FakeServerlessResource> WithDataVolume(this IResourceBuilder<FakeServerlessResource> builder, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithVolume(name ?? VolumeNameGenerator.Generate(builder, "data"), "/data");
    }

    /// <summary>Keeps the process's durable state in <paramref name="path"/> (relative to the app host's folder): <c>FAKESERVERLESS_DATA_DIR</c>.</summary>
    public static IResourceBuilder<FakeServerlessExecutableResource> WithDataDirectory(this IResourceBuilder<FakeServerlessExecutableResource> builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return builder.WithEnvironment("FAKESERVERLESS_DATA_DIR", Path.GetFullPath(path, builder.ApplicationBuilder.AppHostDirectory));
    }

    /// <summary>
    /// Every <c>/_fake/</c> request then needs <c>Authorization: Bearer {token}</c>; the health check sends it, and projects that
    /// reference the fake get it as <c>FAKESERVERLESS_CONTROL_TOKEN</c>. E.g. <c>builder.AddParameter("fake-control-token", secret: true)</c>.
    /// </summary>
    public static IResourceBuilder<T> WithControlToken<T>(this IResourceBuilder<T> builder, IResourceBuilder<ParameterResource> token)
        where T : IFakeServerlessResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(token);
        SettingsOf(builder).ControlToken = token.Resource;
        return builder.WithEnvironment("FAKESERVERLESS_CONTROL_TOKEN", token);
    }

    /// <summary>
    /// Turns on the intercepting HTTPS proxy (endpoint <c>proxy</c>): projects that reference the fake get <c>HTTPS_PROXY</c>,
    /// <c>HTTP_PROXY</c>, <c>NO_PROXY</c> (loopback) and the CA's path in <c>FAKESERVERLESS_CA_CERTIFICATE</c>. The CA lives in
    /// <paramref name="certificateAuthorityDirectory"/> on this machine (default: under the user's local data folder), bind-mounted
    /// into the container and kept across runs, so clients trust it once. The folder is made writable for the image's user (uid 1654).
    /// </summary>
    public static IResourceBuilder<FakeServerlessResource> WithProxy(this IResourceBuilder<FakeServerlessResource> builder, string? certificateAuthorityDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var directory = CertificateAuthorityDirectory(builder, certificateAuthorityDirectory, "container");
        Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_111_111); // 0777: the image runs as uid 1654, not as you
        }

        return builder
            .WithHttpEndpoint(targetPort: FakeServerlessResource.ContainerProxyPort, name: FakeServerlessSettings.ProxyEndpointName)
            .WithEnvironment("FAKESERVERLESS_PROXY_PORT", FakeServerlessResource.ContainerProxyPort.ToString(CultureInfo.InvariantCulture))
            .WithBindMount(directory, "/ca")
            .WithEnvironment("FAKESERVERLESS_CA_DIR", "/ca")
            .WithProxyDefaults(directory);
    }

    /// <summary>
    /// Turns on the intercepting HTTPS proxy (endpoint <c>proxy</c>) of the process, its CA in <paramref name="certificateAuthorityDirectory"/>
    /// (default: under the user's local data folder); what referencing projects get is as for the container.
    /// </summary>
    public static IResourceBuilder<FakeServerlessExecutableResource> WithProxy(this IResourceBuilder<FakeServerlessExecutableResource> builder, string? certificateAuthorityDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var directory = CertificateAuthorityDirectory(builder, certificateAuthorityDirectory, "executable");
        return builder
            .WithHttpEndpoint(env: "FAKESERVERLESS_PROXY_PORT", name: FakeServerlessSettings.ProxyEndpointName)
            .WithEnvironment("FAKESERVERLESS_CA_DIR", directory)
            .WithProxyDefaults(directory);
    }

    /// <summary>
    /// Gives <paramref name="builder"/> what it needs to reach <paramref name="fake"/>: <c>ConnectionStrings__{name}</c> and
    /// <c>FAKESERVERLESS_URL</c> (its base URL), <c>FAKESERVERLESS_ACCOUNT_SID</c> and <c>FAKESERVERLESS_AUTH_TOKEN</c>,
    /// <c>FAKESERVERLESS_CONTROL_TOKEN</c> when it has one, and with the proxy on <c>HTTPS_PROXY</c>, <c>HTTP_PROXY</c>,
    /// <c>NO_PROXY</c> and <c>FAKESERVERLESS_CA_CERTIFICATE</c>.
    /// </summary>
    public static IResourceBuilder<TDestination> WithReference<TDestination, TFake>(this IResourceBuilder<TDestination> builder, IResourceBuilder<TFake> fake)
        where TDestination : IResourceWithEnvironment
        where TFake : IFakeServerlessResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(fake);
        return builder
            .WithReference((IResourceBuilder<IResourceWithConnectionString>)fake)
            .WithEnvironment(context =>
            {
                var resource = fake.Resource;
                context.EnvironmentVariables["FAKESERVERLESS_URL"] = resource.PrimaryEndpoint;
                context.EnvironmentVariables["FAKESERVERLESS_ACCOUNT_SID"] = DefaultAccountSid;
                context.EnvironmentVariables["FAKESERVERLESS_AUTH_TOKEN"] = DefaultAuthToken;
                if (resource.ControlToken is { } token)
                {
                    context.EnvironmentVariables["FAKESERVERLESS_CONTROL_TOKEN"] = token;
                }

                if (resource.ProxyEndpoint is { } proxy)
                {
                    context.EnvironmentVariables["HTTPS_PROXY"] = proxy;
                    context.EnvironmentVariables["HTTP_PROXY"] = proxy;
                    context.EnvironmentVariables["NO_PROXY"] = "localhost,127.0.0.1,::1"; // the dashboard's telemetry and FAKESERVERLESS_URL stay direct
                    context.EnvironmentVariables["FAKESERVERLESS_CA_CERTIFICATE"] = resource.CertificateAuthorityPath!;
                }
            });
    }

    private static IResourceBuilder<T> WithFakeServerlessDefaults<T>(this IResourceBuilder<T> builder)
        where T : IFakeServerlessResource
    {
        var key = $"{builder.Resource.Name}_fake_serverless_health";
        var resource = builder.Resource;
        builder.ApplicationBuilder.Services.AddHealthChecks()
            .Add(new HealthCheckRegistration(key, _ => new FakeServerlessHealthCheck(resource), failureStatus: null, tags: null));
        return builder
            .WithHealthCheck(key)
            .WithUrlForEndpoint(FakeServerlessSettings.PrimaryEndpointName, _ => new ResourceUrlAnnotation { Url = "/_fake/", DisplayText = "Dashboard" });
    }

    private static IResourceBuilder<T> WithProxyDefaults<T>(this IResourceBuilder<T> builder, string directory)
        where T : IFakeServerlessResource
    {
        SettingsOf(builder).CertificateAuthorityPath = Path.Combine(directory, "ca.pem");
        // A proxy is no page to open: its address shows in the resource's details only.
        return builder.WithUrlForEndpoint(FakeServerlessSettings.ProxyEndpointName, url => url.DisplayLocation = UrlDisplayLocation.DetailsOnly);
    }

    private static string CertificateAuthorityDirectory<T>(IResourceBuilder<T> builder, string? directory, string kind)
        where T : IResource =>
        directory is null
            ? Path.Combine(
                Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create),
                "FakeServerless", "aspire", $"{builder.Resource.Name}-{kind}")
            : Path.GetFullPath(directory, builder.ApplicationBuilder.AppHostDirectory);

    private static FakeServerlessSettings SettingsOf<T>(IResourceBuilder<T> builder)
        where T : IFakeServerlessResource =>
        builder.Resource is IFakeServerlessSettingsOwner owner
            ? owner.Settings
            : throw new ArgumentException($"'{builder.Resource.Name}' was not added by AddFakeServerless or AddFakeServerlessExecutable.", nameof(builder));
}
