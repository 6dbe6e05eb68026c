using System.Text.Json.Serialization;

namespace FakeServerless;

/// <summary>Source-generated JSON for <see cref="FakeServerlessState"/>: snake_case names, enums as strings, no reflection.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(FakeServerlessState))]
internal sealed partial class FakeServerlessStateJson : JsonSerializerContext;
