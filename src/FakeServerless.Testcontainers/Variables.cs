namespace FakeServerless.Testcontainers;

/// <summary>The image's <c>FAKESERVERLESS_*</c> variables this module sets, and the image's defaults it relies on.</summary>
internal static class Variables
{
    public const string Seed = "FAKESERVERLESS_SEED";
    public const string AccountSid = "FAKESERVERLESS_ACCOUNT_SID";
    public const string AuthToken = "FAKESERVERLESS_AUTH_TOKEN";
    public const string ControlToken = "FAKESERVERLESS_CONTROL_TOKEN";
    public const string Clock = "FAKESERVERLESS_CLOCK";
    public const string BuildCompletion = "FAKESERVERLESS_BUILD_COMPLETION";
    public const string Functions = "FAKESERVERLESS_FUNCTIONS";
    public const string ProxyPort = "FAKESERVERLESS_PROXY_PORT";
    public const string CertificateAuthorityDirectory = "FAKESERVERLESS_CA_DIR";

    /// <summary>The image's <c>FAKESERVERLESS_CA_DIR</c> (build/container/Dockerfile): the CA lives in the data volume.</summary>
    public const string ImageCertificateAuthorityDirectory = "/data/ca";

    /// <summary>The CLI's default account and token, used unless <see cref="FakeServerlessBuilder.WithCredentials"/> changes them.</summary>
    public const string DefaultAccountSid = "AC00000000000000000000000000000001";
    public const string DefaultAuthToken = "fake-auth-token";

    public static string? Read(DotNet.Testcontainers.Configurations.IContainerConfiguration configuration, string name) =>
        configuration.Environments is { } environments && environments.TryGetValue(name, out var value) ? value : null;
}
