using System.Collections.Concurrent;
using NUnit.Framework;
using NUnit.Framework.Interfaces;

namespace FakeServerless.NUnit;

/// <summary>The servers of the running fixtures, keyed by fixture id (each instance of a parameterised fixture has its own).</summary>
internal static class FixtureServers
{
    private static readonly ConcurrentDictionary<string, Lazy<FakeServerlessServer>> Servers = new(StringComparer.Ordinal);

    /// <summary>The server of <paramref name="test"/>'s fixture, started by <paramref name="start"/> on first use.</summary>
    public static FakeServerlessServer GetOrStart(TestContext.TestAdapter test, Func<FakeServerlessServer> start) =>
        Servers.GetOrAdd(FixtureId(test), _ => new Lazy<FakeServerlessServer>(start)).Value;

    /// <summary>Stops the server of the fixture <paramref name="fixtureId"/>, if it started one.</summary>
    public static void Stop(string fixtureId)
    {
        if (Servers.TryRemove(fixtureId, out var server) && server.IsValueCreated)
        {
            server.Value.Dispose();
        }
    }

    private static string FixtureId(TestContext.TestAdapter test)
    {
        // A test case of a parameterised method sits under a method suite; its fixture is the first ancestor without a method.
        var node = test.Parent;
        while (node is { Method: not null, Parent: not null })
        {
            node = node.Parent;
        }

        return node?.Id ?? test.ID;
    }
}
