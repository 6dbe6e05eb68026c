using FakeServerless.Persistence;
using Microsoft.Extensions.Logging;

namespace FakeServerless.Durable;

/// <summary>What <c>UseDurableState</c> puts into the options: opens the data directory when the fake starts.</summary>
internal sealed class DurableStateProvider(string dataDirectory, DurableStateOptions settings) : IStateLogProvider
{
    public IStateLog Open(FakeServerlessOptions options, ILogger logger) => DurableLog.Open(dataDirectory, settings, options.Seed, logger);
}
