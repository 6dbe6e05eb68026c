namespace FakeServerless.Persistence;

/// <summary>Opens the <see cref="IStateLog"/> a fake keeps its state in (set by <c>options.UseDurableState(directory)</c>).</summary>
internal interface IStateLogProvider
{
    /// <summary>Opens (or creates, with <paramref name="seed"/>, the options' seed) the log; it stays the fake's until disposed.</summary>
    IStateLog Open(int seed, Microsoft.Extensions.Logging.ILogger logger);
}
