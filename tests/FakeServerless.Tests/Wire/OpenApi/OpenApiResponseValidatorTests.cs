using System.Text.Json.Nodes;

namespace FakeServerless.Tests.Wire.OpenApi;

/// <summary>The validator itself, on a small OpenAPI 3.0 spec written here: it must catch what the conformance test relies on.</summary>
[Parallelizable(ParallelScope.All)]
public sealed class OpenApiResponseValidatorTests
{
    private const string Spec = """
        {
          "openapi": "3.0.1",
          "components": { "schemas": {
            "thing": { "type": "object", "properties": {
              "sid": { "type": "string", "pattern": "^ZX[0-9a-fA-F]{32}$", "nullable": true, "x-twilio": { "pii": { "handling": "standard" } } },
              "parent_sid": { "type": "string", "nullable": true },
              "status": { "$ref": "#/components/schemas/thing_enum_status" },
              "date_created": { "type": "string", "format": "date-time", "nullable": true },
              "url": { "type": "string", "format": "uri", "nullable": true },
              "links": { "type": "object", "format": "uri-map", "nullable": true }
            } },
            "thing_enum_status": { "type": "string", "enum": ["on", "off"] }
          } },
          "paths": { "/v1/Things/{Sid}": {
            "servers": [ { "url": "https://things.twilio.com" } ],
            "x-twilio": { "defaultOutputProperties": ["sid"] },
            "get": { "operationId": "FetchThing", "responses": { "200": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/thing" } } } } } },
            "delete": { "operationId": "DeleteThing", "responses": { "204": { "description": "gone" } } }
          } }
        }
        """;

    private const string Valid = """
        {"sid":"ZX0123456789abcdef0123456789abcdef","parent_sid":null,"status":"on","date_created":"2026-11-28T09:30:00Z","url":"not a uri, ignored","links":{}}
        """;

    private static readonly OpenApiResponseValidator Strict = OpenApiResponseValidator.FromSpec(JsonNode.Parse(Spec)!, strict: true);

    [Test]
    public void Validate_ConformingBody_NoViolations()
    {
        Assert.That(Strict.Validate("FetchThing", 200, Valid), Is.Empty);
    }

    [Test]
    public void Routes_Spec_ListsOperationsWithMethodAndTemplate()
    {
        Assert.That(Strict.Routes, Is.EquivalentTo(new Dictionary<string, string>
        {
            ["FetchThing"] = "GET /v1/Things/{Sid}",
            ["DeleteThing"] = "DELETE /v1/Things/{Sid}",
        }));
    }

    [TestCase("sid", "\"ZY0123456789abcdef0123456789abcdef\"", "pattern")]
    [TestCase("sid", "42", "type")]
    [TestCase("status", "\"dimmed\"", "enum")]
    [TestCase("status", "null", "enum")]
    [TestCase("date_created", "\"28/11/2026\"", "format")]
    [TestCase("links", "\"https://x\"", "type")]
    public void Validate_FieldBreaksSchema_ReportsTheKeyword(string field, string json, string keyword)
    {
        var body = JsonNode.Parse(Valid)!.AsObject();
        body[field] = JsonNode.Parse(json);

        Assert.That(Strict.Validate("FetchThing", 200, body.ToJsonString()), Has.Some.Contains(keyword).And.Some.Contains("/" + field));
    }

    [TestCase("sid")]
    [TestCase("parent_sid")]
    [TestCase("date_created")]
    [TestCase("url")]
    [TestCase("links")]
    public void Validate_NullableFieldNull_NoViolations(string field)
    {
        var body = JsonNode.Parse(Valid)!.AsObject();
        body[field] = null;

        Assert.That(Strict.Validate("FetchThing", 200, body.ToJsonString()), Is.Empty);
    }

    [Test]
    public void Validate_StrictAndFieldMissing_ReportsRequired()
    {
        var body = JsonNode.Parse(Valid)!.AsObject();
        body.Remove("parent_sid");

        Assert.That(Strict.Validate("FetchThing", 200, body.ToJsonString()), Has.Some.Contains("required").And.Some.Contains("parent_sid"));
    }

    [Test]
    public void Validate_StrictAndUnknownField_ReportsIt()
    {
        var body = JsonNode.Parse(Valid)!.AsObject();
        body["invented"] = true;

        Assert.That(Strict.Validate("FetchThing", 200, body.ToJsonString()), Is.Not.Empty);
    }

    [Test]
    public void Validate_LenientAndFieldMissingOrUnknown_NoViolations()
    {
        var lenient = OpenApiResponseValidator.FromSpec(JsonNode.Parse(Spec)!, strict: false);
        var body = JsonNode.Parse(Valid)!.AsObject();
        body.Remove("parent_sid");
        body["invented"] = true;

        Assert.That(lenient.Validate("FetchThing", 200, body.ToJsonString()), Is.Empty);
    }

    [Test]
    public void Validate_UndocumentedStatus_ReportsIt()
    {
        Assert.That(Strict.Validate("FetchThing", 201, Valid), Has.One.Contains("does not document status 201"));
    }

    [Test]
    public void Validate_NotJson_ReportsIt()
    {
        Assert.That(Strict.Validate("FetchThing", 200, "<html>No matching mapping found</html>"), Has.One.Contains("not JSON"));
    }

    [Test]
    public void Validate_NoContentResponseWithBody_ReportsIt()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Strict.Validate("DeleteThing", 204, string.Empty), Is.Empty);
            Assert.That(Strict.Validate("DeleteThing", 204, "{}"), Has.One.Contains("has no content"));
        });
    }

    [Test]
    public void ValidateComponent_ByName_ChecksThatSchema()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Strict.ValidateComponent("thing", Valid), Is.Empty);
            Assert.That(Strict.ValidateComponent("thing_enum_status", "\"on\""), Is.Empty);
            Assert.That(Strict.ValidateComponent("thing_enum_status", "\"up\""), Is.Not.Empty);
            Assert.That(Strict.ValidateComponent("nothing", Valid), Has.One.Contains("no component schema"));
        });
    }

    [Test]
    public void Convert_NullableReference_AllowsNullOrTheReference()
    {
        var converted = OpenApiSchemaConverter.Convert(JsonNode.Parse("""{ "$ref": "#/components/schemas/x", "nullable": true }"""), strict: true);

        Assert.That(converted.ToJsonString(), Is.EqualTo("""{"anyOf":[{"$ref":"#/$defs/x"},{"type":"null"}]}"""));
    }

    [Test]
    public void Convert_ForeignReference_Throws()
    {
        Assert.That(() => OpenApiSchemaConverter.Convert(JsonNode.Parse("""{ "$ref": "other.json#/x" }"""), strict: true), Throws.TypeOf<NotSupportedException>());
    }
}
