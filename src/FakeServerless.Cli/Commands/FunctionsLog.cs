using Microsoft.Extensions.Logging;

namespace FakeServerless.Cli.Commands;

/// <summary>
/// The fake's log as the standalone fake prints it: only what Node mode reports at warning level or above (a build that failed
/// and why, a Node process that died, a build runtime other than the Node that runs it), each as one line. Requests are
/// printed from the journal, so every other category stays off.
/// </summary>
internal sealed class FunctionsLog(Action<string> writeLine) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new Writer(categoryName == "FakeServerless.Functions" ? writeLine : null);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class Writer(Action<string>? writeLine) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => writeLine is not null && logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                writeLine!($"Functions: {formatter(state, exception)}");
            }
        }
    }
}
