using FakeServerless.Persistence;
using Microsoft.Extensions.Logging;

namespace FakeServerless.Durable;

/// <summary>What <c>UseDurableState</c> puts into the options: opens the data directory when the fake starts.</summary>
internal sealed class DurableStateProvider(string dataDirectory, DurableStateOptions settings) : IStateLogProvider
{
    public IStateLog Open(int seed, ILogger logger) => DurableLog.Open(dataDirectory, settings, seed, logger);
}
