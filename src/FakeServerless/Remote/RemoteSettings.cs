using System.Text.Json;

namespace FakeServerless.Remote;

/// <summary>What <c>GET /_fake/settings</c> says about a fake in another process.</summary>
internal sealed record RemoteSettings(string AccountSid, string AuthToken, bool RequireExactCredentials, int Seed, bool VirtualClock, int JournalCapacity)
{
    public static RemoteSettings Parse(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        return new RemoteSettings(
            root.GetProperty("account_sid").GetString()!,
            root.GetProperty("auth_token").GetString()!,
            root.GetProperty("require_exact_credentials").GetBoolean(),
            root.GetProperty("seed").GetInt32(),
            root.GetProperty("virtual_clock").GetBoolean(),
            root.GetProperty("journal_capacity").GetInt32());
    }
}
