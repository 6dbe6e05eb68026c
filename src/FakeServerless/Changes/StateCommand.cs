using System.Text.Json;
using System.Text.Json.Serialization;
using FakeServerless.Changes.Commands;

namespace FakeServerless.Changes;

/// <summary>
/// A change of state made from C# or the control API, as data: what the write path logs (as JSON) before it applies it, and what
/// replay applies again. Every state-changing method of the C# API (<see cref="FakeServerlessAccount"/>, the server's
/// <c>CreateApiKey</c>, <c>FailNextBuild</c>, <c>ImportState</c>, <c>Reset</c>, a scope's reset) builds one, so in durable mode
/// none of them can change state without being logged. The live call and the replay run the same <see cref="Execute"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "command")]
[JsonDerivedType(typeof(CreateServiceCommand), "create_service")]
[JsonDerivedType(typeof(CreateEnvironmentCommand), "create_environment")]
[JsonDerivedType(typeof(SetVariableCommand), "set_variable")]
[JsonDerivedType(typeof(CreateFunctionCommand), "create_function")]
[JsonDerivedType(typeof(CreateFunctionVersionCommand), "create_function_version")]
[JsonDerivedType(typeof(CreateAssetCommand), "create_asset")]
[JsonDerivedType(typeof(CreateAssetVersionCommand), "create_asset_version")]
[JsonDerivedType(typeof(CreateBuildCommand), "create_build")]
[JsonDerivedType(typeof(DeployCommand), "deploy")]
[JsonDerivedType(typeof(FinishBuildCommand), "finish_build")]
[JsonDerivedType(typeof(AppendLogCommand), "append_log")]
[JsonDerivedType(typeof(SnapshotAccountCommand), "snapshot_account")]
[JsonDerivedType(typeof(WriteFunctionLogsCommand), "write_function_logs")]
[JsonDerivedType(typeof(WriteNodeLogsCommand), "write_node_logs")]
[JsonDerivedType(typeof(NextRequestSidCommand), "next_request_sid")]
[JsonDerivedType(typeof(CreateApiKeyCommand), "create_api_key")]
[JsonDerivedType(typeof(FailNextBuildsCommand), "fail_next_builds")]
[JsonDerivedType(typeof(MoveClockCommand), "move_clock")]
[JsonDerivedType(typeof(ForgetAccountCommand), "forget_account")]
[JsonDerivedType(typeof(ResetCommand), "reset")]
internal abstract record StateCommand
{
    /// <summary>The account it changes (its log row names it), or null for a change of the whole fake.</summary>
    public abstract string? AccountOf();

    /// <summary>True when it replaces the whole state (reset, import): durable mode snapshots right after it.</summary>
    public virtual bool ReplacesState() => false;

    /// <summary>Applies the change; what it returns is the C# call's result.</summary>
    public abstract object? Execute(CommandTarget target);

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, StateCommandJson.Default.StateCommand);

    /// <summary>A logged command.</summary>
    /// <exception cref="InvalidDataException">The JSON is not a command this fake knows.</exception>
    public static StateCommand FromJson(byte[] json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, StateCommandJson.Default.StateCommand) ?? throw new InvalidDataException("The command is JSON null.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The command is not one this fake knows: {ex.Message}", ex);
        }
    }
}
