using System.Text.Json.Nodes;
using Json.Schema;

namespace FakeServerless.Tests.Wire.OpenApi;

/// <summary>
/// Validates response bodies against the response schemas of an OpenAPI 3.0 spec, by <c>operationId</c> and status code.
/// See <see cref="OpenApiSchemaConverter"/> for how the schemas are read.
/// </summary>
internal sealed class OpenApiResponseValidator
{
    private static readonly Lazy<OpenApiResponseValidator?> Shared = new(() =>
        OpenApiSpecLocator.Find() is { } path ? FromFile(path, strict: true) : null);

    private readonly Dictionary<(string OperationId, int Status), JsonSchema?> _responses;
    private readonly Lock _gate = new();

    private readonly JsonObject _defs;

    private OpenApiResponseValidator(Dictionary<(string OperationId, int Status), JsonSchema?> responses, IReadOnlyDictionary<string, string> routes, JsonObject defs)
    {
        _responses = responses;
        Routes = routes;
        _defs = defs;
    }

    /// <summary>Every operation of the spec: operationId → "METHOD /path/template".</summary>
    public IReadOnlyDictionary<string, string> Routes { get; }

    /// <summary>The strict validator of the spec found by <see cref="OpenApiSpecLocator"/>; ignores the test when there is no spec.</summary>
    public static OpenApiResponseValidator SharedOrIgnore()
    {
        OpenApiSpecLocator.FindOrIgnore();
        return Shared.Value!;
    }

    public static OpenApiResponseValidator FromFile(string path, bool strict) =>
        FromSpec(JsonNode.Parse(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty."), strict);

    public static OpenApiResponseValidator FromSpec(JsonNode spec, bool strict)
    {
        var defs = OpenApiSchemaConverter.ConvertComponents(spec, strict);
        var responses = new Dictionary<(string, int), JsonSchema?>();
        var routes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, item) in spec["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (operation is not JsonObject || operation["operationId"]?.GetValue<string>() is not { } operationId)
                {
                    continue;
                }

                routes[operationId] = $"{method.ToUpperInvariant()} {path}";
                foreach (var (status, response) in operation["responses"]!.AsObject())
                {
                    var schema = response?["content"]?["application/json"]?["schema"];
                    responses[(operationId, int.Parse(status, System.Globalization.CultureInfo.InvariantCulture))] = schema is null
                        ? null
                        : Compile(OpenApiSchemaConverter.Convert(schema, strict).AsObject(), defs);
                }
            }
        }

        return new OpenApiResponseValidator(responses, routes, defs);
    }

    /// <summary>The statuses the spec documents for <paramref name="operationId"/>.</summary>
    public IReadOnlyList<int> StatusesOf(string operationId) =>
        _responses.Keys.Where(k => k.OperationId == operationId).Select(k => k.Status).Order().ToList();

    /// <summary>
    /// The ways <paramref name="body"/> breaks the schema of <paramref name="operationId"/>'s <paramref name="status"/> response;
    /// empty when it conforms. An undocumented status, or a body on a response without content, is a violation too.
    /// </summary>
    public IReadOnlyList<string> Validate(string operationId, int status, string body)
    {
        if (!_responses.TryGetValue((operationId, status), out var schema))
        {
            return [$"{operationId} does not document status {status} (it documents {string.Join(", ", StatusesOf(operationId))})."];
        }

        if (schema is null)
        {
            return body.Length == 0 ? [] : [$"{operationId} {status} has no content, but the body was: {body}"];
        }

        return Check(schema, body);
    }

    /// <summary>
    /// The ways <paramref name="body"/> breaks the component schema <paramref name="schemaName"/>, for responses the spec has no
    /// operation for (the multipart version uploads on serverless-upload.twilio.com answer a version resource).
    /// </summary>
    public IReadOnlyList<string> ValidateComponent(string schemaName, string body)
    {
        if (!_defs.ContainsKey(schemaName))
        {
            return [$"The spec has no component schema '{schemaName}'."];
        }

        return Check(Compile(new JsonObject { ["$ref"] = "#/$defs/" + schemaName }, _defs), body);
    }

    private IReadOnlyList<string> Check(JsonSchema schema, string body)
    {
        JsonNode? instance;
        try
        {
            instance = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return [$"The body is not JSON ({ex.Message}): {body}"];
        }

        EvaluationResults results;
        lock (_gate)
        {
            results = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        }

        if (results.IsValid)
        {
            return [];
        }

        var errors = results.Details
            .Where(d => d.HasErrors)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .Distinct()
            .ToList();
        return errors.Count > 0 ? errors : ["The body does not conform to the schema."];
    }

    private static JsonSchema Compile(JsonObject schema, JsonObject defs)
    {
        var document = new JsonObject { ["$schema"] = "https://json-schema.org/draft/2020-12/schema" };
        foreach (var (key, value) in schema)
        {
            document[key] = value?.DeepClone();
        }

        document["$defs"] = defs.DeepClone();
        return JsonSchema.FromText(document.ToJsonString());
    }
}
