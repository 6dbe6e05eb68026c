using System.Text.Json.Serialization;

namespace FakeServerless.Wire;

/// <summary>
/// Source-generated JSON for the C# records (snake_case names, enums as strings, content in base64), as
/// <see cref="FakeServerlessStateJson"/> writes them inside a state: the control API answers snapshots and seeded records in it,
/// and a remote fake (<see cref="FakeServerlessServer.Connect"/>) reads them back into the very same records.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UseStringEnumConverter = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(ServerlessSnapshot))]
[JsonSerializable(typeof(ServiceRecord))]
[JsonSerializable(typeof(EnvironmentRecord))]
[JsonSerializable(typeof(VariableRecord))]
[JsonSerializable(typeof(FunctionRecord))]
[JsonSerializable(typeof(FunctionVersionRecord))]
[JsonSerializable(typeof(AssetRecord))]
[JsonSerializable(typeof(AssetVersionRecord))]
[JsonSerializable(typeof(BuildRecord))]
[JsonSerializable(typeof(DeploymentRecord))]
[JsonSerializable(typeof(LogRecord))]
[JsonSerializable(typeof(ApiKey))]
internal sealed partial class RecordJson : JsonSerializerContext;
