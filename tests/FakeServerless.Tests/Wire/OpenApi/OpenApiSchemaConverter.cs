using System.Text.Json.Nodes;

namespace FakeServerless.Tests.Wire.OpenApi;

/// <summary>
/// Turns an OpenAPI 3.0 schema into JSON Schema (2020-12): <c>nullable: true</c> also allows null, <c>#/components/schemas/X</c>
/// becomes <c>#/$defs/X</c>, and what JSON Schema does not know or what is not checked (<c>format: uri</c>, <c>uri-map</c>,
/// <c>x-twilio</c> and other <c>x-</c> keys, descriptions, examples) is dropped; <c>format: date-time</c> is kept.
/// </summary>
/// <remarks>
/// With <c>strict</c>, every object schema that lists properties also requires each of them and forbids others: Twilio writes
/// every field of a resource (null when empty), so a missing or unknown field is a fidelity bug of the fake.
/// </remarks>
internal static class OpenApiSchemaConverter
{
    private const string ComponentPrefix = "#/components/schemas/";

    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal)
    {
        "description", "example", "examples", "title", "nullable", "deprecated", "readOnly", "writeOnly", "externalDocs", "xml", "discriminator",
    };

    public static JsonNode Convert(JsonNode? schema, bool strict)
    {
        switch (schema)
        {
            case null:
                return new JsonObject();
            case JsonObject obj:
                return ConvertObject(obj, strict);
            default:
                throw new NotSupportedException($"A schema must be an object, but was {schema.ToJsonString()}.");
        }
    }

    /// <summary>A <c>$defs</c> object holding every <c>components.schemas</c> entry of <paramref name="spec"/>, converted.</summary>
    public static JsonObject ConvertComponents(JsonNode spec, bool strict)
    {
        var defs = new JsonObject();
        if (spec["components"]?["schemas"] is JsonObject schemas)
        {
            foreach (var (name, schema) in schemas)
            {
                defs[name] = Convert(schema, strict);
            }
        }

        return defs;
    }

    private static JsonObject ConvertObject(JsonObject source, bool strict)
    {
        var result = new JsonObject();
        foreach (var (key, value) in source)
        {
            if (Dropped.Contains(key) || key.StartsWith("x-", StringComparison.Ordinal))
            {
                continue;
            }

            switch (key)
            {
                case "$ref":
                    result["$ref"] = Reference(value);
                    break;
                case "format":
                    if (value?.GetValue<string>() == "date-time")
                    {
                        result["format"] = "date-time";
                    }

                    break;
                case "properties":
                    var properties = new JsonObject();
                    foreach (var (name, property) in value!.AsObject())
                    {
                        properties[name] = Convert(property, strict);
                    }

                    result["properties"] = properties;
                    break;
                case "items":
                case "not":
                    result[key] = Convert(value, strict);
                    break;
                case "additionalProperties":
                    result[key] = value is JsonObject ? Convert(value, strict) : value?.DeepClone();
                    break;
                case "allOf":
                case "anyOf":
                case "oneOf":
                    result[key] = new JsonArray(value!.AsArray().Select(s => (JsonNode?)Convert(s, strict)).ToArray());
                    break;
                default:
                    result[key] = value?.DeepClone();
                    break;
            }
        }

        if (strict && result["properties"] is JsonObject declared && result["additionalProperties"] is null)
        {
            result["additionalProperties"] = false;
            result["required"] = new JsonArray(declared.Select(p => (JsonNode?)p.Key).ToArray());
        }

        return source["nullable"]?.GetValue<bool>() == true ? Nullable(result) : result;
    }

    private static JsonObject Nullable(JsonObject schema)
    {
        if (schema["$ref"] is not null)
        {
            // In OpenAPI 3.0 the siblings of $ref are ignored, so nullable around a reference needs anyOf.
            return new JsonObject { ["anyOf"] = new JsonArray(schema, new JsonObject { ["type"] = "null" }) };
        }

        if (schema["type"] is JsonValue type)
        {
            schema["type"] = new JsonArray(type.GetValue<string>(), "null");
        }

        if (schema["enum"] is JsonArray values && !values.Any(v => v is null))
        {
            values.Add(null);
        }

        return schema;
    }

    private static string Reference(JsonNode? value)
    {
        var reference = value?.GetValue<string>() ?? throw new NotSupportedException("A $ref must be a string.");
        return reference.StartsWith(ComponentPrefix, StringComparison.Ordinal)
            ? "#/$defs/" + reference[ComponentPrefix.Length..]
            : throw new NotSupportedException($"Only local #/components/schemas references are supported, but found '{reference}'.");
    }
}
