namespace FakeServerless.Cli.Tests;

public sealed class CliOptionsTests
{
    [Test]
    public void TryParse_NoArguments_Defaults()
    {
        var ok = CliOptions.TryParse([], out var options, out var error);

        Assert.That(ok, Is.True, error);
        var server = options!.ToServerOptions();
        Assert.That(options.ShowHelp, Is.False);
        Assert.That(server.Transport, Is.EqualTo(FakeServerlessTransport.Http));
        Assert.That(server.Port, Is.Zero);
        Assert.That(server.Seed, Is.Zero);
        Assert.That(server.AccountSid, Is.EqualTo(new FakeServerlessOptions().AccountSid));
        Assert.That(server.AuthToken, Is.EqualTo(new FakeServerlessOptions().AuthToken));
        Assert.That(server.RequireExactCredentials, Is.False);
        Assert.That(server.BuildCompletion, Is.EqualTo(BuildCompletion.Immediate));
        Assert.That(server.PublicBaseUrl, Is.Null);
    }

    [Test]
    public void TryParse_EveryOption_MapsToServerOptions()
    {
        string[] args =
        [
            "--port", "4010", "--seed", "-7", "--account-sid", "AC0123456789abcdef0123456789abcdef", "--auth-token", "secret",
            "--strict-credentials", "--build-completion", "polls:3", "--public-base-url", "https://fake.example.test",
        ];

        var ok = CliOptions.TryParse(args, out var options, out var error);

        Assert.That(ok, Is.True, error);
        var server = options!.ToServerOptions();
        Assert.That(server.Port, Is.EqualTo(4010));
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
        var ok = CliOptions.TryParse(["--port=4011", "--build-completion=delay:2.5"], out var options, out var error);

        Assert.That(ok, Is.True, error);
        Assert.That(options!.Port, Is.EqualTo(4011));
        Assert.That(options.BuildCompletion, Is.EqualTo(BuildCompletion.AfterDelay(TimeSpan.FromSeconds(2.5))));
    }

    [TestCase("immediate")]
    [TestCase("IMMEDIATE")]
    public void TryParse_BuildCompletionImmediate_IsImmediate(string value)
    {
        CliOptions.TryParse(["--build-completion", value], out var options, out _);

        Assert.That(options?.BuildCompletion, Is.EqualTo(BuildCompletion.Immediate));
    }

    [Test]
    public void TryParse_BuildCompletionManual_IsManual()
    {
        CliOptions.TryParse(["--build-completion", "manual"], out var options, out _);

        Assert.That(options?.BuildCompletion, Is.EqualTo(BuildCompletion.Manual));
    }

    [TestCase("-h")]
    [TestCase("--help")]
    public void TryParse_Help_WinsOverEverythingElse(string flag)
    {
        var ok = CliOptions.TryParse(["--port", "1", flag, "--bogus"], out var options, out _);

        Assert.That(ok, Is.True);
        Assert.That(options!.ShowHelp, Is.True);
    }

    [TestCase(new[] { "--bogus" }, "Unknown option '--bogus'.")]
    [TestCase(new[] { "4010" }, "Unknown option '4010'.")]
    [TestCase(new[] { "--port" }, "Option --port needs a value.")]
    [TestCase(new[] { "--port", "--seed", "1" }, "Option --port needs a value.")]
    [TestCase(new[] { "--port", "abc" }, "--port must be a number from 0 to 65535, not 'abc'.")]
    [TestCase(new[] { "--port", "-1" }, "--port must be a number from 0 to 65535, not '-1'.")]
    [TestCase(new[] { "--port", "65536" }, "--port must be a number from 0 to 65535, not '65536'.")]
    [TestCase(new[] { "--seed", "1.5" }, "--seed must be a whole number, not '1.5'.")]
    [TestCase(new[] { "--account-sid", "AC123" }, "--account-sid must be AC followed by 32 hex digits, not 'AC123'.")]
    [TestCase(new[] { "--auth-token", " " }, "--auth-token must not be empty.")]
    [TestCase(new[] { "--strict-credentials=yes" }, "--strict-credentials takes no value.")]
    [TestCase(new[] { "--build-completion", "later" }, "--build-completion must be immediate, manual, polls:<n> (n >= 1) or delay:<seconds>, not 'later'.")]
    [TestCase(new[] { "--build-completion", "polls:0" }, "--build-completion must be immediate, manual, polls:<n> (n >= 1) or delay:<seconds>, not 'polls:0'.")]
    [TestCase(new[] { "--build-completion", "delay:-1" }, "--build-completion must be immediate, manual, polls:<n> (n >= 1) or delay:<seconds>, not 'delay:-1'.")]
    [TestCase(new[] { "--public-base-url", "fake.example.test" }, "--public-base-url must be an absolute http or https URL, not 'fake.example.test'.")]
    [TestCase(new[] { "--public-base-url", "ftp://fake.example.test" }, "--public-base-url must be an absolute http or https URL, not 'ftp://fake.example.test'.")]
    public void TryParse_BadArguments_FailsWithMessage(string[] args, string expected)
    {
        var ok = CliOptions.TryParse(args, out var options, out var error);

        Assert.That(ok, Is.False);
        Assert.That(options, Is.Null);
        Assert.That(error, Is.EqualTo(expected));
    }

    [Test]
    public void Usage_ListsEveryOption()
    {
        Assert.That(
            CliOptions.Usage,
            Does.Contain("--port").And.Contain("--seed").And.Contain("--account-sid").And.Contain("--auth-token")
                .And.Contain("--strict-credentials").And.Contain("--build-completion").And.Contain("--public-base-url").And.Contain("--help"));
    }
}
