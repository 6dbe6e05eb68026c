using FakeServerless.Tests.Support;

namespace FakeServerless.Tests;

/// <summary>
/// The core's layers point down: a type may name types of its own layer or of layers below it, never above. A layer is a set of
/// folders of <c>src/FakeServerless</c> (folders are namespaces; public types keep the root namespace wherever their folder is,
/// so the folder, read from the PDB, decides — a root-namespace type in the root folder is the top layer). The README's
/// "Layout" section shows the same table.
/// </summary>
public sealed class LayersTests
{
    /// <summary>Bottom to top. A new folder must be placed here (the test fails on one it does not know).</summary>
    internal static readonly string[][] Layers =
    [
        ["Model", "Clock", "Messages"], // records, the virtual clock, the transport-neutral request and response
        ["Snapshots"],                  // plain-data views of state: an account's snapshot, the whole export
        ["State"],                      // the backend: the only owner of state, its single lock
        ["Persistence", "Wire"],        // the state log's contract; form parsing and JSON rendering
        ["Changes", "Routing"],         // the write path (commands, logged before applied); the route table
        ["Operations", "Journal", "Faults", "Domains", "Accounts"], // API handlers, journal, faults, environment domains, C# account API
        ["Seeding"],                    // scenarios seeded through the account API
        ["Engine"],                     // the engine, its options and its front door
        ["Transports", "Control", "Remote"], // WireMock port, in-memory handler, Kestrel; the control API; its client for a fake elsewhere
        ["Functions"],                  // Node mode (runs its own loopback transport)
        ["(root)", "Scopes"],           // the server and the per-test scopes it hands out
    ];

    private static readonly Lazy<TypeReferences> Core = new(() =>
        TypeReferences.Read(typeof(FakeServerlessServer).Assembly, "src/FakeServerless", "FakeServerless"));

    [Test]
    public void Layers_EveryReferenceInTheCore_PointsDown()
    {
        var upward = Upward(Core.Value, Layers);

        Assert.That(upward, Is.Empty, "types that name a type of a layer above their own (see LayersTests.Layers)");
    }

    [Test]
    public void Layers_EveryTypeOfTheCore_HasAKnownFolder()
    {
        var known = Layers.SelectMany(l => l).ToHashSet(StringComparer.Ordinal);
        var unknown = Core.Value.Folders.Where(t => !known.Contains(t.Value)).Select(t => $"{t.Key} in {t.Value}/").ToList();

        Assert.Multiple(() =>
        {
            Assert.That(Core.Value.Unplaced, Is.Empty, "types the PDB names no source file for");
            Assert.That(unknown, Is.Empty, "folders LayersTests.Layers does not place");
            Assert.That(Core.Value.Folders, Has.Count.GreaterThan(100), "the core's types were read");
        });
    }

    [Test]
    public void Layers_TableTurnedUpsideDown_ReportsTheEnginesReferences()
    {
        // The check sees real references: with the order reversed, the engine's use of the state and the server's use of the
        // engine (a root-namespace type in the root folder) are both reported.
        var upward = Upward(Core.Value, [.. Layers.Reverse()]);

        Assert.That(upward, Does.Contain("Engine/FakeServerless.Engine.ServerlessEngine -> State/FakeServerless.State.ServerlessBackend")
            .And.Contain("(root)/FakeServerless.FakeServerlessServer -> Engine/FakeServerless.Engine.ServerlessEngine"));
    }

    private static List<string> Upward(TypeReferences core, string[][] layers)
    {
        var rank = layers.SelectMany((folders, i) => folders.Select(f => (f, i))).ToDictionary(p => p.f, p => p.i, StringComparer.Ordinal);
        int RankOf(string type) => rank.TryGetValue(core.Folders.GetValueOrDefault(type, "?"), out var r) ? r : int.MaxValue;
        return [.. core.Edges
            .Where(e => core.Folders.ContainsKey(e.From) && core.Folders.ContainsKey(e.To) && RankOf(e.To) > RankOf(e.From))
            .Select(e => $"{core.Folders[e.From]}/{e.From} -> {core.Folders[e.To]}/{e.To}")
            .Order(StringComparer.Ordinal)];
    }
}
