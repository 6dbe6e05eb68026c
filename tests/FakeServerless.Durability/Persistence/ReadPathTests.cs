using System.Net;
using FakeServerless.Durability.Support;

namespace FakeServerless.Durability.Persistence;

/// <summary>
/// Reads in durable mode: they do not wait for the write path's gate, they see a write only once its log row is committed (it is
/// not even applied before), and a read never writes (a new account is not created, nothing is logged).
/// </summary>
[Parallelizable(ParallelScope.All)]
public sealed class ReadPathTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Read_WhileAWriteWaitsForItsLogRow_IsAnsweredAtOnceWithoutThatWrite()
    {
        using var dir = new DataDir();
        using var appending = new SemaphoreSlim(0);
        using var release = new ManualResetEventSlim();
        var holdAppends = false;
        using var fake = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { EnableControlApi = true }.UseDurableState(dir.Path, durable =>
            durable.BeforeWrite = write =>
            {
                if (write == "append" && Volatile.Read(ref holdAppends))
                {
                    appending.Release();
                    release.Wait(Patience); // the disk is slow: the writer holds the gate, its row not yet committed
                }
            }));
        var api = ApiWorld.Client(fake);
        using (await api.PostAsync("Services", ApiWorld.Form(("UniqueName", "first"), ("FriendlyName", "first"))))
        {
        }

        Volatile.Write(ref holdAppends, true);
        var write = Task.Run(() => api.PostAsync("Services", ApiWorld.Form(("UniqueName", "second"), ("FriendlyName", "second"))));
        Assert.That(await appending.WaitAsync(Patience), Is.True, "the write reached its log append");

        var list = await api.GetStringAsync("Services").WaitAsync(Patience); // would time out if reads queued behind the writer
        var state = fake.ExportState().ToJson();
        release.Set();
        using var created = await write.WaitAsync(Patience);

        Assert.That(list, Does.Contain("\"first\"").And.Not.Contain("second"), "a read never sees a write before its row is committed");
        Assert.That(state, Does.Not.Contain("second"));
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(await api.GetStringAsync("Services"), Does.Contain("\"second\""));
    }

    [Test]
    public async Task Read_NewAccount_CreatesNoAccountAndLogsNothing()
    {
        using var dir = new DataDir();
        using var fake = FakeServerlessServer.StartInMemory(new FakeServerlessOptions().UseDurableState(dir.Path));
        var stranger = new ServerlessClient(fake.CreateHttpClient(), new Uri("https://serverless.twilio.com/"), "AC" + "5555555555555555555555555555aaaa");
        var rows = dir.LastSequence();

        await stranger.GetAsync("Services");
        await stranger.GetAsync("Services/ZS00000000000000000000000000000001");
        fake.Snapshot("AC" + "6666666666666666666666666666aaaa");

        Assert.That(dir.LastSequence(), Is.EqualTo(rows), "a read wrote to the log");
        Assert.That(fake.ExportState().Accounts, Is.Empty);
    }
}
