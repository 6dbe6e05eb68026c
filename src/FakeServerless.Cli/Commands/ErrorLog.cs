using Microsoft.Extensions.Logging;

namespace FakeServerless.Cli.Commands;

/// <summary>
/// The fake's log as the CLI shows it: warnings and errors only (the journal already prints one line per request), each with
/// its exception's stack, on stderr. A 500 that says "see its log" is explained here, and only here: the client never sees
/// the stack.
/// </summary>
internal sealed class ErrorLog(TextWriter stderr) : ILoggerFactory, ILoggerProvider
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
        // One destination: stderr.
    }

    public void Dispose()
    {
        // The writer belongs to the caller.
    }

    private void Write(LogLevel level, string category, string message, Exception? exception)
    {
        lock (_gate)
        {
            stderr.WriteLine($"fake-serverless: {(level >= LogLevel.Error ? "error" : "warning")} ({category}): {message}");
            if (exception is not null)
            {
                stderr.WriteLine(exception.ToString());
            }

            stderr.Flush();
        }
    }

    private sealed class Logger(ErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Write(logLevel, category, formatter(state, exception), exception);
            }
        }
    }
}
