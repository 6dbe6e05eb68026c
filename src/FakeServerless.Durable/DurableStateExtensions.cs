using FakeServerless.Durable;

namespace FakeServerless;

/// <summary>Durable mode: <c>options.UseDurableState("path/to/dir")</c>.</summary>
public static class DurableStateExtensions
{
    /// <summary>
    /// Makes the fake durable in <paramref name="dataDirectory"/> (created when missing): every change — API request, control API
    /// call or C# call — is written to <c>fake-serverless.db</c> there (SQLite, WAL) before it is made and before its answer is sent,
    /// so a crash (even <c>kill -9</c>) loses no acknowledged write, and a fake started again on the same directory answers exactly as
    /// before: same SIDs, pages and build progress. The directory's own seed replaces <see cref="FakeServerlessOptions.Seed"/>.
    /// A directory that cannot be used makes <see cref="FakeServerlessServer.Start(FakeServerlessOptions?)"/> throw
    /// <see cref="DataDirectoryException"/>.
    /// </summary>
    /// <returns><paramref name="options"/>, for chaining.</returns>
    public static FakeServerlessOptions UseDurableState(this FakeServerlessOptions options, string dataDirectory, Action<DurableStateOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var settings = new DurableStateOptions();
        configure?.Invoke(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.SnapshotInterval, 1, nameof(configure));
        options.StateLog = new DurableStateProvider(dataDirectory, settings.Clone());
        return options;
    }
}
