using System.Text.Json.Serialization;

namespace FakeServerless.Changes;

/// <summary>Source-generated JSON for logged commands: the options of the export format (snake_case, enums as strings).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(StateCommand))]
internal sealed partial class StateCommandJson : JsonSerializerContext;
