using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FakeServerless.Messages;
using FakeServerless.Routing;
using FakeServerless.State;
using FakeServerless.Wire;

namespace FakeServerless.Control;

/// <summary>
/// The HTTP twin of <see cref="FakeServerlessAccount"/>, for a fake driven from another process (<see cref="FakeServerlessServer.Connect"/>):
/// <c>GET /_fake/accounts/{AC}/snapshot</c> answers <see cref="FakeServerlessAccount.Snapshot"/> and
/// <c>POST /_fake/accounts/{AC}/{collection}</c> creates a record as the account's methods do (not journaled, no faults, build
/// completion and failures as configured), answering the C# records in the snake_case JSON of <c>GET /_fake/state</c>. A broken
/// rule answers Twilio's status and code with the message the C# API throws.
/// </summary>
internal static class AccountEndpoints
{
    private static readonly string[] Collections =
        ["services", "environments", "variables", "functions", "function-versions", "assets", "asset-versions", "builds", "deployments", "logs"];

    public static void Register(ControlRoutes routes)
    {
        routes.Add("GET", "/_fake/accounts/{AccountSid}/snapshot", "GetSnapshot", RouteEffect.Read, ctx =>
            Answer(200, Account(ctx).Snapshot(), RecordJson.Default.ServerlessSnapshot));
        routes.Add("POST", "/_fake/accounts/{AccountSid}/{Collection}", "CreateRecord", RouteEffect.Write, Create);
    }

    private static FakeServerlessAccount Account(ControlContext ctx) =>
        ctx.Engine.Account(ControlContext.CheckAccountSid("AccountSid", ctx.Value("AccountSid"))!); // a path value is never null

    private static EngineResponse Create(ControlContext ctx)
    {
        var account = Account(ctx);
        var body = ctx.Body;
        try
        {
            return ctx.Value("Collection") switch
            {
                "services" => Answer(201, account.CreateService(
                    Required(body.Allow("unique_name", "friendly_name", "include_credentials", "ui_editable"), "unique_name"),
                    body.String("friendly_name"), body.Bool("include_credentials") ?? true, body.Bool("ui_editable") ?? false), RecordJson.Default.ServiceRecord),
                "environments" => Answer(201, account.CreateEnvironment(
                    Required(body.Allow("service", "unique_name", "domain_suffix"), "service"), Required(body, "unique_name"), body.String("domain_suffix")),
                    RecordJson.Default.EnvironmentRecord),
                "variables" => Answer(201, account.SetVariable(
                    Required(body.Allow("service", "environment_sid", "key", "value"), "service"), Required(body, "environment_sid"), Required(body, "key"), Required(body, "value")),
                    RecordJson.Default.VariableRecord),
                "functions" => Answer(201, account.CreateFunction(Required(body.Allow("service", "friendly_name"), "service"), Required(body, "friendly_name")), RecordJson.Default.FunctionRecord),
                "function-versions" => Answer(201, account.CreateFunctionVersion(
                    Required(body.Allow("service", "function_sid", "path", "content", "visibility"), "service"), Required(body, "function_sid"), Required(body, "path"),
                    Required(body, "content"), VisibilityOf(body)), RecordJson.Default.FunctionVersionRecord),
                "assets" => Answer(201, account.CreateAsset(Required(body.Allow("service", "friendly_name"), "service"), Required(body, "friendly_name")), RecordJson.Default.AssetRecord),
                "asset-versions" => Answer(201, account.CreateAssetVersion(
                    Required(body.Allow("service", "asset_sid", "path", "content", "content_type", "visibility"), "service"), Required(body, "asset_sid"), Required(body, "path"),
                    Base64(body, "content"), body.String("content_type") ?? "application/octet-stream", VisibilityOf(body)), RecordJson.Default.AssetVersionRecord),
                "builds" => Answer(201, account.CreateBuild(
                    Required(body.Allow("service", "function_version_sids", "asset_version_sids", "dependencies", "runtime"), "service"),
                    Strings(body, "function_version_sids"), Strings(body, "asset_version_sids"), Dependencies(body), body.String("runtime")), RecordJson.Default.BuildRecord),
                "deployments" => Answer(201, account.Deploy(
                    Required(body.Allow("service", "environment_sid", "build_sid"), "service"), Required(body, "environment_sid"), body.String("build_sid")),
                    RecordJson.Default.DeploymentRecord),
                "logs" => Answer(201, account.AppendLog(
                    Required(body.Allow("service", "environment_sid", "message", "level", "function_sid"), "service"), Required(body, "environment_sid"),
                    Required(body, "message"), FunctionEndpoints.Level(body, "level"), body.String("function_sid")), RecordJson.Default.LogRecord),
                var other => throw ControlException.NotFound($"There is no collection '{other}' to create in; use one of {string.Join(", ", Collections)}."),
            };
        }
        catch (InvalidOperationException ex) when (ex.InnerException is ServerlessException rule)
        {
            // The account's own message (as the C# API throws it), with Twilio's status and code.
            throw new ControlException(rule.Status, rule.Code, ex.Message);
        }
    }

    private static EngineResponse Answer<T>(int status, T record, JsonTypeInfo<T> type) =>
        new() { Status = status, Body = JsonSerializer.SerializeToUtf8Bytes(record, type), ContentType = EngineResponse.JsonContentType };

    private static string Required(ControlBody body, string name) =>
        body.String(name) is { Length: > 0 } value ? value : throw ControlException.Invalid($"{name} is required.");

    private static Visibility VisibilityOf(ControlBody body) => body.String("visibility") switch
    {
        null or "public" => Visibility.Public,
        "protected" => Visibility.Protected,
        "private" => Visibility.Private,
        var other => throw ControlException.Invalid($"visibility must be public, protected or private, but it is '{other}'."),
    };

    private static byte[] Base64(ControlBody body, string name)
    {
        var text = body.String(name) ?? string.Empty;
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw ControlException.Invalid($"{name} must be the content in base64.");
        }
    }

    private static List<string> Strings(ControlBody body, string name)
    {
        if (!body.Has(name))
        {
            return [];
        }

        var value = body.Root.GetProperty(name);
        return value.ValueKind == JsonValueKind.Array && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String)
            ? [.. value.EnumerateArray().Select(v => v.GetString()!)]
            : throw ControlBody.WrongType(name, "an array of strings", value);
    }

    private static List<BuildDependency> Dependencies(ControlBody body)
    {
        if (!body.Has("dependencies"))
        {
            return [];
        }

        var value = body.Root.GetProperty("dependencies");
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw ControlBody.WrongType("dependencies", "an array of {\"name\":…, \"version\":…} objects", value);
        }

        return [.. value.EnumerateArray().Select((item, i) => item.ValueKind == JsonValueKind.Object
            ? new BuildDependency(
                Required(ControlBody.Of(item).Allow("name", "version"), "name"),
                ControlBody.Of(item).String("version") ?? throw ControlException.Invalid($"dependencies[{i}].version is required."))
            : throw ControlBody.WrongType($"dependencies[{i}]", "an object with name and version", item))];
    }
}
