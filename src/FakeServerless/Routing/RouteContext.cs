using System.Globalization;
using FakeServerless.Messages;
using FakeServerless.State;
using FakeServerless.Wire;

namespace FakeServerless.Routing;

/// <summary>
/// What a handler gets: the backend and the authenticated account, the bound route values, the parameters and the URL base.
/// Handlers parse from it, call the backend with identifiers, and render what it returns.
/// </summary>
internal sealed class RouteContext(
    ServerlessBackend backend,
    string accountSid,
    EngineRequest request,
    IReadOnlyDictionary<string, string> values,
    FormData parameters,
    ResourceUrls urls,
    string path,
    bool mayChange,
    Func<string, ApiKey>? createApiKey = null)
{
    public ServerlessBackend Backend { get; } = backend;

    public string AccountSid { get; } = accountSid;

    public EngineRequest Request { get; } = request;

    public FormData Params { get; } = parameters;

    public ResourceUrls Urls { get; } = urls;

    /// <summary>The decoded request path, e.g. <c>/v1/Services/ZS…/Environments</c>.</summary>
    public string Path { get; } = path;

    /// <summary>
    /// True on the write path. A <see cref="RouteEffect.Poll"/> handler passes it on to the backend, which throws
    /// <see cref="StateChangeNeededException"/> instead of moving a build on when it is false.
    /// </summary>
    public bool MayChange { get; } = mayChange;

    /// <summary>
    /// A <see cref="RouteEffect.Command"/> route's way to create an API key for an account: through the write path, which logs the
    /// minted key (secret included) so replay adds that key rather than drawing another.
    /// </summary>
    public Func<string, ApiKey> CreateApiKey { get; } = createApiKey ?? (_ => throw new InvalidOperationException("Only a Command route creates API keys."));

    public string Value(string name) => values[name];

    /// <summary>The service named by <c>{ServiceSid}</c> (or <c>{Sid}</c> on the Services instance path): SID or unique name.</summary>
    public string Service(string routeValue = "ServiceSid") => values[routeValue];

    /// <summary>The environment SID of <c>{EnvironmentSid}</c> (or another route value).</summary>
    public string Environment(string routeValue = "EnvironmentSid") => Sid(routeValue, SidPrefix.Environment);

    /// <summary>A SID route value; one that does not have the resource's pattern names nothing, so it is a 404.</summary>
    public string Sid(string routeValue, string prefix)
    {
        var value = values[routeValue];
        return SidPrefix.IsSid(value, prefix) ? value : throw ServerlessException.NotFound();
    }

    public string Required(string name) => Params.Get(name) ?? throw ServerlessException.Missing(name);

    public string? Optional(string name) => Params.Get(name);

    /// <summary>A boolean parameter: <c>true</c>/<c>false</c> in any case.</summary>
    public bool? Bool(string name)
    {
        var value = Params.Get(name);
        if (value is null)
        {
            return null;
        }

        return bool.TryParse(value.Trim(), out var result)
            ? result
            : throw ServerlessException.Invalid($"{name} must be true or false, but was '{value}'.");
    }

    /// <summary>An optional SID parameter; a value without the resource's pattern is a 400.</summary>
    public string? OptionalSid(string name, string prefix)
    {
        var value = Params.Get(name);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return SidPrefix.IsSid(value, prefix)
            ? value
            : throw ServerlessException.Invalid($"{name} must be a SID that starts with {prefix} followed by 32 hexadecimal digits, but was '{value}'.");
    }

    public DateTimeOffset? Date(string name)
    {
        var value = Params.Get(name);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        return TwilioDate.TryParse(value, out var date)
            ? date
            : throw ServerlessException.Invalid($"{name} must be an ISO 8601 date-time, but was '{value}'.");
    }

    /// <summary><c>PageSize</c> (default 50, 1–1000), <c>Page</c> (≥ 0) and <c>PageToken</c> (<c>PA</c>/<c>PB</c> + SID).</summary>
    public PageRequest Paging()
    {
        var pageSize = ParseInt("PageSize", 50, 1);
        pageSize = Math.Min(pageSize, 1000);
        var page = ParseInt("Page", 0, 0);
        var token = Params.Get("PageToken");
        if (string.IsNullOrEmpty(token))
        {
            return new PageRequest(pageSize, page, null, false);
        }

        if (token.Length < 3 || !(token.StartsWith("PA", StringComparison.Ordinal) || token.StartsWith("PB", StringComparison.Ordinal)))
        {
            throw ServerlessException.Invalid($"PageToken '{token}' is not valid: use the next_page_url or previous_page_url of a page.");
        }

        return new PageRequest(pageSize, page, token[2..], token[1] == 'B');
    }

    private int ParseInt(string name, int fallback, int min)
    {
        var value = Params.Get(name);
        if (string.IsNullOrEmpty(value))
        {
            return fallback;
        }

        if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result) || result < min)
        {
            throw ServerlessException.Invalid($"{name} must be a whole number of at least {min}, but was '{value}'.");
        }

        return result;
    }
}
