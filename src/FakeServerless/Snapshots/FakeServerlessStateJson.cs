using System.Text.Json.Serialization;

namespace FakeServerless;

/// <summary>
/// Source-generated JSON for <see cref="FakeServerlessState"/>: snake_case names, enums as strings, no reflection. An unknown field
/// is refused, as every other endpoint refuses one (<see cref="Snapshots.StateJsonShape"/> names it).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    RespectRequiredConstructorParameters = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(FakeServerlessState))]
internal sealed partial class FakeServerlessStateJson : JsonSerializerContext;
