using FakeServerless.Engine;
using FakeServerless.Messages;
using FakeServerless.State;
using FakeServerless.Wire;

namespace FakeServerless.Control;

/// <summary>One control request as a handler sees it: the fake, the path values, the query and the JSON body.</summary>
internal sealed class ControlContext(ControlApi control, EngineRequest request, IReadOnlyDictionary<string, string> values, FormData query)
{
    private ControlBody? _body;

    /// <summary>The fake: the one way a handler reaches each of its parts (state, write path, journal, faults, domains, options).</summary>
    public ServerlessEngine Engine => control.Engine;

    /// <summary>When the control API started (a <see cref="System.Diagnostics.Stopwatch"/> timestamp).</summary>
    public long Started => control.Started;

    public EngineRequest Request { get; } = request;

    /// <summary>The JSON body (parsed on first use; 400 when it is not a JSON object).</summary>
    public ControlBody Body => _body ??= ControlBody.Parse(Request.Body);

    /// <summary>The base of Twilio resource URLs in answers, as the engine builds them for the API.</summary>
    public ResourceUrls Urls => new(Engine.Options.PublicBaseUrl?.GetLeftPart(UriPartial.Authority) ?? $"{Request.Scheme}://{Request.Host}");

    /// <summary>A value bound from the path template (<c>{Sid}</c>).</summary>
    public string Value(string name) => values[name];

    /// <summary>A query parameter, matched case-insensitively (<c>AccountSid</c>, <c>accountsid</c>…); null when absent or empty.</summary>
    public string? Query(string name)
    {
        var value = query.Values.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        return value is { Count: > 0 } && value[0].Length > 0 ? value[0] : null;
    }

    /// <summary>The <c>AccountSid</c> query parameter, checked to be an Account SID; null when absent.</summary>
    public string? AccountSidQuery() => CheckAccountSid("AccountSid", Query("AccountSid"));

    /// <summary>Checks that <paramref name="value"/> (named <paramref name="field"/>) is an Account SID, or null.</summary>
    public static string? CheckAccountSid(string field, string? value) =>
        value is null || SidPrefix.IsSid(value, SidPrefix.Account)
            ? value
            : throw ControlException.Invalid($"{field} must be an Account SID (AC followed by 32 hexadecimal digits), but it is '{value}'.");
}
