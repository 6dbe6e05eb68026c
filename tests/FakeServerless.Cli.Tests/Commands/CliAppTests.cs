using System.CommandLine;
using System.Net;
using FakeServerless.Cli.Commands;

namespace FakeServerless.Cli.Tests.Commands;

public sealed class CliAppTests
{
    private static readonly Func<string, string?> NoEnvironment = _ => null;

    private static (CliApp App, ParseResult Result) Parse(params string[] args) => ParseWith(NoEnvironment, args);

    private static (CliApp App, ParseResult Result) ParseWith(Func<string, string?> environment, params string[] args)
    {
        var app = new CliApp(environment);
        var ok = app.TryParse(args, out var result, out var error);
        Assert.That(ok, Is.True, error);
        return (app, result);
    }

    private static string? ErrorOf(Func<string, string?> environment, params string[] args)
    {
        var ok = new CliApp(environment).TryParse(args, out _, out var error);
        Assert.That(ok, Is.False);
        return error;
    }

    [Test]
    public void TryParse_NoArguments_Defaults()
    {
        var (app, result) = Parse();

        var server = app.Serve.ToServerOptions(result, seed: 5);
        Assert.That(server.Transport, Is.EqualTo(FakeServerlessTransport.Http));
        Assert.That(server.Port, Is.EqualTo(4010));
        Assert.That(server.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(server.Seed, Is.EqualTo(5));
        Assert.That(result.GetValue(app.Serve.Seed), Is.Null, "no --seed: the runner picks a random one");
        Assert.That(server.AccountSid, Is.EqualTo(new FakeServerlessOptions().AccountSid));
        Assert.That(server.AuthToken, Is.EqualTo(new FakeServerlessOptions().AuthToken));
        Assert.That(server.RequireExactCredentials, Is.False);
        Assert.That(server.BuildCompletion, Is.EqualTo(BuildCompletion.Immediate));
        Assert.That(server.PublicBaseUrl, Is.Null);
    }

    [Test]
    public void TryParse_EveryOption_MapsToServerOptions()
    {
        var (app, result) = Parse(
            "--port", "4011", "--host", "0.0.0.0", "--seed", "-7", "--account-sid", "AC0123456789abcdef0123456789abcdef", "--auth-token", "secret",
            "--strict-credentials", "--build-completion", "polls:3", "--public-base-url", "https://fake.example.test");

        var server = app.Serve.ToServerOptions(result, result.GetValue(app.Serve.Seed)!.Value);
        Assert.That(server.Port, Is.EqualTo(4011));
        Assert.That(server.Host, Is.EqualTo("0.0.0.0"));
        Assert.That(server.Seed, Is.EqualTo(-7));
        Assert.That(server.AccountSid, Is.EqualTo("AC0123456789abcdef0123456789abcdef"));
        Assert.That(server.AuthToken, Is.EqualTo("secret"));
        Assert.That(server.RequireExactCredentials, Is.True);
        Assert.That(server.BuildCompletion, Is.EqualTo(BuildCompletion.AfterPolls(3)));
        Assert.That(server.PublicBaseUrl, Is.EqualTo(new Uri("https://fake.example.test")));
    }

    [Test]
    public void TryParse_InlineValues_SameAsSeparateValues()
    {
        var (app, result) = Parse("--port=4011", "--build-completion=delay:2.5", "--host=::");

        Assert.That(result.GetValue(app.Serve.Port), Is.EqualTo(4011));
        Assert.That(result.GetValue(app.Serve.Host), Is.EqualTo(IPAddress.IPv6Any));
        Assert.That(result.GetValue(app.Serve.BuildCompletion), Is.EqualTo(BuildCompletion.AfterDelay(TimeSpan.FromSeconds(2.5))));
    }

    [TestCase("immediate")]
    [TestCase("IMMEDIATE")]
    public void TryParse_BuildCompletionImmediate_IsImmediate(string value)
    {
        var (app, result) = Parse("--build-completion", value);

        Assert.That(app.Serve.ToServerOptions(result, 0).BuildCompletion, Is.EqualTo(BuildCompletion.Immediate));
    }

    [Test]
    public void TryParse_BuildCompletionManual_IsManual()
    {
        var (app, result) = Parse("--build-completion", "manual");

        Assert.That(result.GetValue(app.Serve.BuildCompletion), Is.EqualTo(BuildCompletion.Manual));
    }

    [TestCase("-h")]
    [TestCase("--help")]
    public void TryParse_Help_WinsOverEverythingElse(string flag)
    {
        var (_, result) = ParseWith(_ => "not a number", "--port", "1", flag, "--bogus");

        Assert.That(result.Action, Is.InstanceOf<System.CommandLine.Invocation.SynchronousCommandLineAction>(), "help, not the fake's asynchronous run");
    }

    [TestCase(new[] { "--bogus" }, "'--bogus'")]
    [TestCase(new[] { "4010" }, "'4010'")]
    [TestCase(new[] { "--port" }, "--port")]
    [TestCase(new[] { "--port", "abc" }, "--port must be a number from 0 to 65535, not 'abc'.")]
    [TestCase(new[] { "--port", "-1" }, "--port must be a number from 0 to 65535, not '-1'.")]
    [TestCase(new[] { "--port", "65536" }, "--port must be a number from 0 to 65535, not '65536'.")]
    [TestCase(new[] { "--host", "example.test" }, "--host must be an IP address such as 127.0.0.1, 0.0.0.0 or ::, not 'example.test'.")]
    [TestCase(new[] { "--seed", "1.5" }, "--seed must be a whole number, not '1.5'.")]
    [TestCase(new[] { "--account-sid", "AC123" }, "--account-sid must be AC followed by 32 hex digits, not 'AC123'.")]
    [TestCase(new[] { "--auth-token", " " }, "--auth-token must not be empty.")]
    [TestCase(new[] { "--strict-credentials=yes" }, "'yes'")]
    [TestCase(new[] { "--build-completion", "later" }, "--build-completion must be immediate, manual, polls:<n> (n >= 1) or delay:<seconds>, not 'later'.")]
    [TestCase(new[] { "--build-completion", "polls:0" }, "--build-completion must be immediate, manual, polls:<n> (n >= 1) or delay:<seconds>, not 'polls:0'.")]
    [TestCase(new[] { "--build-completion", "delay:-1" }, "--build-completion must be immediate, manual, polls:<n> (n >= 1) or delay:<seconds>, not 'delay:-1'.")]
    [TestCase(new[] { "--public-base-url", "fake.example.test" }, "--public-base-url must be an absolute http or https URL, not 'fake.example.test'.")]
    [TestCase(new[] { "--public-base-url", "ftp://fake.example.test" }, "--public-base-url must be an absolute http or https URL, not 'ftp://fake.example.test'.")]
    [TestCase(new[] { "health", "--url", "nowhere" }, "--url must be an absolute http or https URL, not 'nowhere'.")]
    public void TryParse_BadArguments_FailsWithMessage(string[] args, string expected)
    {
        Assert.That(ErrorOf(NoEnvironment, args), Does.Contain(expected));
    }

    [Test]
    public void TryParse_EnvironmentVariables_SetEveryOption()
    {
        var environment = new Dictionary<string, string>
        {
            ["FAKESERVERLESS_PORT"] = "4020", ["FAKESERVERLESS_HOST"] = "0.0.0.0", ["FAKESERVERLESS_SEED"] = "-3",
            ["FAKESERVERLESS_ACCOUNT_SID"] = "AC0123456789abcdef0123456789abcdef", ["FAKESERVERLESS_AUTH_TOKEN"] = "secret",
            ["FAKESERVERLESS_STRICT_CREDENTIALS"] = "true", ["FAKESERVERLESS_BUILD_COMPLETION"] = "manual",
            ["FAKESERVERLESS_PUBLIC_BASE_URL"] = "https://fake.example.test",
        };

        var (app, result) = ParseWith(environment.GetValueOrDefault);

        var server = app.Serve.ToServerOptions(result, result.GetValue(app.Serve.Seed)!.Value);
        Assert.That(server.Port, Is.EqualTo(4020));
        Assert.That(server.Host, Is.EqualTo("0.0.0.0"));
        Assert.That(server.Seed, Is.EqualTo(-3));
        Assert.That(server.AccountSid, Is.EqualTo("AC0123456789abcdef0123456789abcdef"));
        Assert.That(server.AuthToken, Is.EqualTo("secret"));
        Assert.That(server.RequireExactCredentials, Is.True);
        Assert.That(server.BuildCompletion, Is.EqualTo(BuildCompletion.Manual));
        Assert.That(server.PublicBaseUrl, Is.EqualTo(new Uri("https://fake.example.test")));
    }

    [TestCase("--port", "4030")]
    [TestCase("--port=4030")]
    public void TryParse_FlagAndVariable_FlagWins(params string[] args)
    {
        var (app, result) = ParseWith(name => name == "FAKESERVERLESS_PORT" ? "4020" : null, args);

        Assert.That(result.GetValue(app.Serve.Port), Is.EqualTo(4030));
    }

    [Test]
    public void TryParse_FlagGiven_ItsBadVariableIsNotRead()
    {
        var (app, result) = ParseWith(name => name == "FAKESERVERLESS_PORT" ? "abc" : null, "--port", "0");

        Assert.That(result.GetValue(app.Serve.Port), Is.Zero);
    }

    [Test]
    public void TryParse_BadVariable_ErrorNamesTheVariable()
    {
        var error = ErrorOf(name => name == "FAKESERVERLESS_PORT" ? "abc" : null);

        Assert.That(error, Is.EqualTo("FAKESERVERLESS_PORT: --port must be a number from 0 to 65535, not 'abc'."));
    }

    [Test]
    public void TryParse_HealthVariables_ReadByTheHealthCommand()
    {
        var (app, result) = ParseWith(
            name => name switch { "FAKESERVERLESS_URL" => "http://127.0.0.1:5000", "FAKESERVERLESS_CONTROL_TOKEN" => "t0k", _ => null }, "health");

        Assert.That(result.CommandResult.Command, Is.SameAs(app.Health));
        Assert.That(result.GetValue(app.Health.Url), Is.EqualTo(new Uri("http://127.0.0.1:5000")));
        Assert.That(result.GetValue(app.Health.ControlToken), Is.EqualTo("t0k"));
    }
}
