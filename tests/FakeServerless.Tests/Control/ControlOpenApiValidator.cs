using System.Text.Json.Nodes;
using Json.Schema;

namespace FakeServerless.Tests.Control;

/// <summary>
/// The control API's OpenAPI 3.1 document as the fake serves it: its routes, and its response schemas (JSON Schema 2020-12,
/// compiled with JsonSchema.Net after pointing <c>#/components/schemas/</c> at <c>$defs</c>).
/// </summary>
internal sealed class ControlOpenApiValidator
{
    private readonly JsonNode _document;
    private readonly JsonObject _defs;
    private readonly Lock _gate = new();

    public ControlOpenApiValidator(string documentText)
    {
        _document = JsonNode.Parse(documentText.Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal))!;
        _defs = _document["components"]!["schemas"]!.AsObject();
    }

    /// <summary>Every documented operation: (METHOD, path template, operationId).</summary>
    public IReadOnlyList<(string Method, string Path, string OperationId)> Routes =>
        _document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (o.Key.ToUpperInvariant(), p.Key, o.Value!["operationId"]!.GetValue<string>())))
            .ToList();

    /// <summary>The ways <paramref name="body"/> breaks the documented <paramref name="status"/> answer of <paramref name="operationId"/>.</summary>
    public IReadOnlyList<string> Validate(string operationId, int status, string body)
    {
        var (method, path, _) = Routes.Single(r => r.OperationId == operationId);
        var response = _document["paths"]![path]![method.ToLowerInvariant()]!["responses"]![status.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        if (response is null)
        {
            return [$"{operationId} does not document status {status}."];
        }

        if (response["content"]?["text/html"] is not null)
        {
            return body.StartsWith("<!DOCTYPE html>", StringComparison.OrdinalIgnoreCase) ? [] : [$"{operationId} {status} documents an HTML page, but the body was: {body}"];
        }

        if (response["content"]?["application/json"]?["schema"] is not { } schema)
        {
            return body.Length == 0 ? [] : [$"{operationId} {status} documents no content, but the body was: {body}"];
        }

        var compiled = new JsonObject { ["$schema"] = "https://json-schema.org/draft/2020-12/schema", ["$defs"] = _defs.DeepClone() };
        foreach (var (key, value) in schema.AsObject())
        {
            compiled[key] = value?.DeepClone();
        }

        EvaluationResults results;
        lock (_gate)
        {
            results = JsonSchema.FromText(compiled.ToJsonString())
                .Evaluate(JsonNode.Parse(body), new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        }

        return results.IsValid
            ? []
            : results.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{operationId} {status} {d.InstanceLocation}: {e.Value}")).DefaultIfEmpty($"{operationId} {status}: invalid").ToList();
    }
}
