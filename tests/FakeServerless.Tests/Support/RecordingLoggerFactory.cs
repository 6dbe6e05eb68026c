using Microsoft.Extensions.Logging;

namespace FakeServerless.Tests.Support;

/// <summary>An <see cref="ILoggerFactory"/> that keeps every formatted message, for asserting on the fake's log lines.</summary>
public sealed class RecordingLoggerFactory : ILoggerFactory
{
    private readonly List<(string Category, LogLevel Level, string Message)> _lines = [];
    private readonly List<Exception> _exceptions = [];

    /// <summary>Every exception logged with a line, in order.</summary>
    public IReadOnlyList<Exception> Exceptions
    {
        get
        {
            lock (_lines)
            {
                return _exceptions.ToArray();
            }
        }
    }

    public IReadOnlyList<(string Category, LogLevel Level, string Message)> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToArray();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class Recorder(RecordingLoggerFactory factory, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (factory._lines)
            {
                factory._lines.Add((category, logLevel, formatter(state, exception)));
                if (exception is not null)
                {
                    factory._exceptions.Add(exception);
                }
            }
        }
    }
}
