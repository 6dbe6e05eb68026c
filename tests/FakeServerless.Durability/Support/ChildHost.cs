using System.Globalization;

namespace FakeServerless.Durability.Support;

/// <summary>
/// The child process of the crash test: <c>dotnet FakeServerless.Durability.dll --serve DIR [--snapshot-every N]</c> starts a
/// durable fake on 127.0.0.1 port 0, prints <c>Listening on URL</c> and runs until killed. A data directory it refuses exits
/// with code 3 and the reason on stderr, as the CLI does. (It sets the snapshot interval, which the CLI does not expose, so the
/// crash test kills it between, and during, snapshots.)
/// </summary>
public static class ChildHost
{
    public static int Main(string[] args)
    {
        if (args.Length < 2 || args[0] != "--serve")
        {
            Console.Error.WriteLine("usage: --serve DIR [--snapshot-every N]");
            return 1;
        }

        var options = new FakeServerlessOptions { DataDirectory = args[1] };
        if (args.Length >= 4 && args[2] == "--snapshot-every")
        {
            options.SnapshotInterval = int.Parse(args[3], CultureInfo.InvariantCulture);
        }

        FakeServerlessServer fake;
        try
        {
            fake = FakeServerlessServer.Start(options);
        }
        catch (DataDirectoryException ex)
        {
            Console.Error.WriteLine($"fake-serverless: {ex.Message}");
            return 3;
        }

        foreach (var note in fake.Persistence.RecoveryNotes)
        {
            Console.Error.WriteLine($"fake-serverless: {note}");
        }

        Console.Out.WriteLine($"Listening on {fake.Url.GetLeftPart(UriPartial.Authority)}");
        Console.Out.Flush();
        Thread.Sleep(Timeout.Infinite);
        return 0;
    }
}
