namespace FakeServerless.Examples.NUnit;

/// <summary>README, "Reading and seeding state without HTTP": the snippet compiled and run; keep the two in step.</summary>
public sealed class ReadmeStateTests
{
    [Test]
    public void Snapshot_SeededThenDeployedFromCSharp_NewSnapshotShowsTheBuildLiveAndTheLog()
    {
        using var fake = FakeServerlessServer.StartInMemory();

        var scenario = fake.Seed().ServiceReadyToDeploy();    // Bogus: staging + production, functions, assets, variables, a completed build
        var snapshot = fake.Snapshot();                       // immutable records: Services, Environments, Builds, Deployments…
        var production = snapshot.Environment("production");  // by SID, unique name or domain name
        var account = fake.Account();                         // C# API with the same rules as HTTP
        account.Deploy(scenario.Service.Sid, production!.Sid, scenario.Build.Sid);
        account.AppendLog(scenario.Service.Sid, production.Sid, "hello from a function");

        var after = fake.Snapshot();
        Assert.That(production.BuildSid, Is.Null, "a snapshot does not change");
        Assert.That(after.Environment(production.DomainName)!.BuildSid, Is.EqualTo(scenario.Build.Sid));
        Assert.That(after.Logs.Single().Message, Is.EqualTo("hello from a function"));
        Assert.That(snapshot.Environments.Select(e => e.UniqueName), Is.EquivalentTo(new[] { "staging", "production" }));
    }

    [Test]
    public void Deploy_BuildNotCompleted_ThrowsTheSame409AsHttp()
    {
        using var fake = FakeServerlessServer.StartInMemory(new FakeServerlessOptions { BuildCompletion = BuildCompletion.Manual });
        var scenario = fake.Seed().ServiceReadyToDeploy(o => o.CompleteBuild = false);

        var ex = Assert.Throws<InvalidOperationException>(() =>
            fake.Account().Deploy(scenario.Service.Sid, scenario.Environment("production").Sid, scenario.Build.Sid));

        Assert.That(ex!.Message, Does.EndWith("(Twilio error 20409, HTTP 409)"));
        Assert.That(fake.Snapshot().Deployments, Is.Empty);
    }
}
