namespace FakeServerless.Persistence;

/// <summary>Which engine a logged request goes back through on replay.</summary>
internal static class LoggedRequestKind
{
    /// <summary>A Twilio Serverless API request (<c>/v1/…</c>).</summary>
    public const string Api = "api";
}
