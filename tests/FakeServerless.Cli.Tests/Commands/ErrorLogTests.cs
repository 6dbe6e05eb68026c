using FakeServerless.Cli.Commands;
using FakeServerless.Cli.Tests.Support;
using Microsoft.Extensions.Logging;

namespace FakeServerless.Cli.Tests.Commands;

/// <summary>The CLI's log of the fake: warnings and errors on stderr with their stack, nothing else (the journal prints each request).</summary>
[Parallelizable(ParallelScope.All)]
public sealed class ErrorLogTests
{
    [Test]
    public void Log_ErrorWithException_WritesTheMessageAndTheStack()
    {
        var stderr = new LineWriter();
        var logger = new ErrorLog(stderr).CreateLogger("FakeServerless.Control");
        Exception thrown;
        try
        {
            throw new InvalidOperationException("boom");
        }
        catch (InvalidOperationException ex)
        {
            thrown = ex;
        }

        logger.LogError(thrown, "Unexpected error answering control request {Method} {Path}", "POST", "/_fake/x");

        Assert.That(stderr.Lines[0], Is.EqualTo("fake-serverless: error (FakeServerless.Control): Unexpected error answering control request POST /_fake/x"));
        Assert.That(stderr.ToString(), Does.Contain("System.InvalidOperationException: boom").And.Contain(nameof(Log_ErrorWithException_WritesTheMessageAndTheStack)));
    }

    [Test]
    public void Log_Information_WritesNothing()
    {
        var stderr = new LineWriter();
        var logger = new ErrorLog(stderr).CreateLogger("FakeServerless");

        logger.LogInformation("GET /v1/Services 200");

        Assert.That(logger.IsEnabled(LogLevel.Information), Is.False);
        Assert.That(stderr.Lines, Is.Empty);
    }

    [Test]
    public void Serve_Options_LogTheFakesWarningsAndErrorsToStderr()
    {
        var app = new CliApp(_ => null);
        var stderr = new LineWriter();
        Assert.That(app.TryParse(["--port", "0"], out var result, out _), Is.True);

        var options = ServeRunner.Options(app.Serve, result, 1, stderr);
        options.LoggerFactory!.CreateLogger("FakeServerless").LogError(new InvalidOperationException("boom"), "Unexpected error answering {Method} {Path}", "GET", "/v1/Services");

        Assert.That(options.LoggerFactory, Is.InstanceOf<ErrorLog>());
        Assert.That(stderr.Lines[0], Does.Contain("Unexpected error answering GET /v1/Services"));
    }
}
