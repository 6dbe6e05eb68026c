using System.Text.Json;

namespace FakeServerless.Wire;

/// <summary>Writes each resource exactly as the spec's schema orders and names its fields (snake_case).</summary>
internal static class ResourceJson
{
    public static void Service(Utf8JsonWriter w, ResourceUrls urls, ServiceRecord r)
    {
        var self = new UrlText(stackalloc char[UrlText.StackChars]);
        urls.Service(ref self, r.Sid);
        w.WriteStartObject();
        w.WriteString("sid", r.Sid);
        w.WriteString("account_sid", r.AccountSid);
        w.WriteString("friendly_name", r.FriendlyName);
        w.WriteString("unique_name", r.UniqueName);
        w.WriteBoolean("include_credentials", r.IncludeCredentials);
        w.WriteBoolean("ui_editable", r.UiEditable);
        w.WriteString("domain_base", r.DomainBase);
        Close(w, r.DateCreated, r.DateUpdated, self.Span, ("environments", "/Environments"), ("functions", "/Functions"), ("assets", "/Assets"), ("builds", "/Builds"));
    }

    public static void Environment(Utf8JsonWriter w, ResourceUrls urls, EnvironmentRecord r)
    {
        var self = new UrlText(stackalloc char[UrlText.StackChars]);
        urls.Environment(ref self, r.ServiceSid, r.Sid);
        Open(w, r.Sid, r.AccountSid, r.ServiceSid);
        w.WriteString("build_sid", r.BuildSid);
        w.WriteString("unique_name", r.UniqueName);
        w.WriteString("domain_suffix", r.DomainSuffix);
        w.WriteString("domain_name", r.DomainName);
        Close(w, r.DateCreated, r.DateUpdated, self.Span, ("variables", "/Variables"), ("deployments", "/Deployments"), ("logs", "/Logs"));
    }

    public static void Variable(Utf8JsonWriter w, ResourceUrls urls, VariableRecord r) =>
        EnvironmentChild(w, urls, r.Sid, r.AccountSid, r.ServiceSid, r.EnvironmentSid, "Variables", r.DateCreated, r.DateUpdated, [("key", r.Key), ("value", r.Value)]);

    public static void Deployment(Utf8JsonWriter w, ResourceUrls urls, DeploymentRecord r) =>
        EnvironmentChild(w, urls, r.Sid, r.AccountSid, r.ServiceSid, r.EnvironmentSid, "Deployments", r.DateCreated, r.DateUpdated, [("build_sid", r.BuildSid)]);

    public static void Log(Utf8JsonWriter w, ResourceUrls urls, LogRecord r) =>
        EnvironmentChild(
            w, urls, r.Sid, r.AccountSid, r.ServiceSid, r.EnvironmentSid, "Logs", r.DateCreated, updated: null,
            [("build_sid", r.BuildSid), ("deployment_sid", r.DeploymentSid), ("function_sid", r.FunctionSid), ("request_sid", r.RequestSid), ("level", r.Level), ("message", r.Message)]);

    public static void Function(Utf8JsonWriter w, ResourceUrls urls, FunctionRecord r)
    {
        var self = new UrlText(stackalloc char[UrlText.StackChars]);
        urls.Function(ref self, r.ServiceSid, r.Sid);
        Wrapper(w, r.Sid, r.AccountSid, r.ServiceSid, r.FriendlyName, r.DateCreated, r.DateUpdated, self.Span, "function_versions");
    }

    public static void Asset(Utf8JsonWriter w, ResourceUrls urls, AssetRecord r)
    {
        var self = new UrlText(stackalloc char[UrlText.StackChars]);
        urls.Asset(ref self, r.ServiceSid, r.Sid);
        Wrapper(w, r.Sid, r.AccountSid, r.ServiceSid, r.FriendlyName, r.DateCreated, r.DateUpdated, self.Span, "asset_versions");
    }

    public static void FunctionVersion(Utf8JsonWriter w, ResourceUrls urls, FunctionVersionRecord r)
    {
        var self = new UrlText(stackalloc char[UrlText.StackChars]);
        urls.FunctionVersion(ref self, r.ServiceSid, r.FunctionSid, r.Sid);
        w.WriteStartObject();
        VersionFields(w, r.Sid, r.AccountSid, r.ServiceSid, "function_sid", r.FunctionSid, r.Path, r.Visibility, r.DateCreated);
        w.WriteString("url", self.Span);
        Links(w, self.Span, ("function_version_content", "/Content"));
        w.WriteEndObject();
    }

    public static void FunctionVersionContent(Utf8JsonWriter w, ResourceUrls urls, FunctionVersionRecord r)
    {
        Open(w, r.Sid, r.AccountSid, r.ServiceSid);
        w.WriteString("function_sid", r.FunctionSid);
        w.WriteString("content", r.Content);
        var url = new UrlText(stackalloc char[UrlText.StackChars]);
        urls.FunctionVersion(ref url, r.ServiceSid, r.FunctionSid, r.Sid);
        url.Append("/Content");
        w.WriteString("url", url.Span);
        w.WriteEndObject();
    }

    public static void AssetVersion(Utf8JsonWriter w, ResourceUrls urls, AssetVersionRecord r)
    {
        w.WriteStartObject();
        VersionFields(w, r.Sid, r.AccountSid, r.ServiceSid, "asset_sid", r.AssetSid, r.Path, r.Visibility, r.DateCreated);
        var url = new UrlText(stackalloc char[UrlText.StackChars]);
        urls.AssetVersion(ref url, r.ServiceSid, r.AssetSid, r.Sid);
        w.WriteString("url", url.Span);
        w.WriteEndObject();
    }

    public static void Build(Utf8JsonWriter w, ResourceUrls urls, BuildRecord r)
    {
        var self = new UrlText(stackalloc char[UrlText.StackChars]);
        urls.Build(ref self, r.ServiceSid, r.Sid);
        Open(w, r.Sid, r.AccountSid, r.ServiceSid);
        JsonArrays.WriteObjects(w, "asset_versions", r.AssetVersions, static (w, v) =>
            VersionFields(w, v.Sid, v.AccountSid, v.ServiceSid, "asset_sid", v.AssetSid, v.Path, v.Visibility, v.DateCreated));
        JsonArrays.WriteObjects(w, "function_versions", r.FunctionVersions, static (w, v) =>
            VersionFields(w, v.Sid, v.AccountSid, v.ServiceSid, "function_sid", v.FunctionSid, v.Path, v.Visibility, v.DateCreated));
        JsonArrays.WriteObjects(w, "dependencies", r.Dependencies, static (w, d) =>
        {
            w.WriteString("name", d.Name);
            w.WriteString("version", d.Version);
        });
        w.WriteString("runtime", r.Runtime);
        w.WriteString("status", StatusName(r.Status));
        Close(w, r.DateCreated, r.DateUpdated, self.Span, ("build_status", "/Status"));
    }

    public static void BuildStatus(Utf8JsonWriter w, ResourceUrls urls, BuildRecord r)
    {
        Open(w, r.Sid, r.AccountSid, r.ServiceSid);
        w.WriteString("status", StatusName(r.Status));
        var url = new UrlText(stackalloc char[UrlText.StackChars]);
        urls.Build(ref url, r.ServiceSid, r.Sid);
        url.Append("/Status");
        w.WriteString("url", url.Span);
        w.WriteEndObject();
    }

    public static string StatusName(FakeServerless.BuildStatus status) => status switch
    {
        FakeServerless.BuildStatus.Building => "building",
        FakeServerless.BuildStatus.Completed => "completed",
        _ => "failed",
    };

    public static string VisibilityName(Visibility visibility) => visibility switch
    {
        Visibility.Public => "public",
        Visibility.Protected => "protected",
        _ => "private",
    };

    /// <summary>Writes a Function or Asset: the same fields, and a link to its versions named by <paramref name="versionsLink"/>.</summary>
    private static void Wrapper(Utf8JsonWriter w, string sid, string account, string service, string friendlyName, DateTimeOffset created, DateTimeOffset updated, ReadOnlySpan<char> self, string versionsLink)
    {
        Open(w, sid, account, service);
        w.WriteString("friendly_name", friendlyName);
        Close(w, created, updated, self, (versionsLink, "/Versions"));
    }

    private static void VersionFields(Utf8JsonWriter w, string sid, string account, string service, string parentField, string parentSid, string path, Visibility visibility, DateTimeOffset created)
    {
        Owned(w, sid, account, service);
        w.WriteString(parentField, parentSid);
        w.WriteString("path", path);
        w.WriteString("visibility", VisibilityName(visibility));
        TwilioDate.Write(w, "date_created", created);
    }

    /// <summary>Writes a resource under an environment (Variable, Deployment, Log): the owning SIDs, then
    /// <paramref name="fields"/> in order, the dates (no <c>date_updated</c> when <paramref name="updated"/> is null) and the url.</summary>
    private static void EnvironmentChild(
        Utf8JsonWriter w, ResourceUrls urls, string sid, string account, string service, string environment, string collection,
        DateTimeOffset created, DateTimeOffset? updated, params ReadOnlySpan<(string Key, string? Value)> fields)
    {
        Open(w, sid, account, service);
        w.WriteString("environment_sid", environment);
        foreach (var (key, value) in fields)
        {
            w.WriteString(key, value);
        }

        var url = new UrlText(stackalloc char[UrlText.StackChars]);
        urls.Environment(ref url, service, environment);
        url.Append("/");
        url.Append(collection);
        url.Append("/");
        url.Append(sid);
        Close(w, created, updated, url.Span);
    }

    private static void Open(Utf8JsonWriter w, string sid, string account, string service)
    {
        w.WriteStartObject();
        Owned(w, sid, account, service);
    }

    private static void Owned(Utf8JsonWriter w, string sid, string account, string service)
    {
        w.WriteString("sid", sid);
        w.WriteString("account_sid", account);
        w.WriteString("service_sid", service);
    }

    /// <summary>Ends a resource: its dates, url and links (when it has any), each link being the url and a suffix.</summary>
    private static void Close(Utf8JsonWriter w, DateTimeOffset created, DateTimeOffset? updated, ReadOnlySpan<char> url, params ReadOnlySpan<(string Key, string Suffix)> links)
    {
        Dates(w, created, updated);
        w.WriteString("url", url);
        if (!links.IsEmpty)
        {
            Links(w, url, links);
        }

        w.WriteEndObject();
    }

    /// <summary>Writes <c>date_created</c>, then <c>date_updated</c> unless <paramref name="updated"/> is null.</summary>
    private static void Dates(Utf8JsonWriter w, DateTimeOffset created, DateTimeOffset? updated)
    {
        TwilioDate.Write(w, "date_created", created);
        if (updated is { } u)
        {
            TwilioDate.Write(w, "date_updated", u);
        }
    }

    private static void Links(Utf8JsonWriter w, ReadOnlySpan<char> self, params ReadOnlySpan<(string Key, string Suffix)> links)
    {
        w.WriteStartObject("links");
        Span<char> buffer = stackalloc char[UrlText.StackChars];
        foreach (var (key, suffix) in links)
        {
            var url = new UrlText(buffer);
            url.Append(self);
            url.Append(suffix);
            w.WriteString(key, url.Span);
        }

        w.WriteEndObject();
    }
}
