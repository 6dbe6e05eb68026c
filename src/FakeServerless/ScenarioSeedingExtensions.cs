
namespace FakeServerless;

/// <summary>Seeds realistic scenarios into a fake: <c>fake.Seed().ServiceReadyToDeploy()</c>.</summary>
public static class ScenarioSeedingExtensions
{
    /// <summary>A seeder for the account <paramref name="accountSid"/> (default: the fake's <see cref="FakeServerlessServer.AccountSid"/>).</summary>
    public static ScenarioSeeder Seed(this FakeServerlessServer fake, string? accountSid = null)
    {
        ArgumentNullException.ThrowIfNull(fake);
        return new ScenarioSeeder(fake.Account(accountSid), fake.Options.Seed);
    }
}
