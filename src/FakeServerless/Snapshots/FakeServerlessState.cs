using System.Text.Json;

namespace FakeServerless;

/// <summary>
/// The whole state of a fake as plain data: every account and record (asset content included), the paging positions of
/// deleted items, build poll counters, the SID generator's position, pending build failures and the domain registry. Get it
/// with <see cref="FakeServerlessServer.ExportState"/>, restore it with <see cref="FakeServerlessServer.ImportState"/>: the
/// restored fake answers every request as the original would, SIDs minted afterwards included. API keys are state and part of
/// it. Journal, faults and function handlers are not state and are not part of it. The clock is, only when it is a
/// <see cref="VirtualClock"/> (which moves only when told): its time is kept, so a restored fake reads the same time; a system
/// or test clock is the caller's and is left alone.
/// </summary>
public sealed class FakeServerlessState
{
    /// <summary>The version of this format written by this library.</summary>
    public const int CurrentVersion = 1;

    /// <summary>The format version; <see cref="FakeServerlessServer.ImportState"/> accepts only <see cref="CurrentVersion"/>.</summary>
    public required int Version { get; init; }

    /// <summary>The SID generator's position: the next SIDs (and domain digits) follow from it.</summary>
    public required ulong SidGeneratorPosition { get; init; }

    /// <summary>How many of the next builds will fail (<see cref="FakeServerlessServer.FailNextBuild"/>).</summary>
    public required int PendingBuildFailures { get; init; }

    /// <summary>Every account, ordered by Account SID.</summary>
    public required IReadOnlyList<ExportedAccount> Accounts { get; init; }

    /// <summary>The domain bases in use (every service's <c>domain_base</c>), sorted.</summary>
    public required IReadOnlyList<string> DomainBases { get; init; }

    /// <summary>Every environment's domain and its owner, sorted by domain name.</summary>
    public required IReadOnlyList<ExportedDomain> Domains { get; init; }

    /// <summary>
    /// Every API key created on the fake (<see cref="FakeServerlessServer.CreateApiKey"/>, <c>POST /_fake/keys</c>), in creation
    /// order, secrets included. Optional when read (a state written before keys were part of it has none), so the format stays
    /// version 1.
    /// </summary>
    public IReadOnlyList<ApiKey> ApiKeys { get; init; } = [];

    /// <summary>
    /// Not used any more: API keys come from a cryptographic random source (a key must never repeat), so there is no position to
    /// keep. Exports write <see langword="null"/>; a value in an older state is read and ignored.
    /// </summary>
    public ulong? ApiKeyGeneratorPosition { get; init; }

    /// <summary>
    /// The SIDs of API keys that were forgotten (their account reset or forgotten, or the state replaced): they answer 401 in every
    /// credentials mode, so a client still holding one never acts on another account. Optional when read.
    /// </summary>
    public IReadOnlyList<string> RevokedApiKeys { get; init; } = [];

    /// <summary>
    /// The time a <see cref="VirtualClock"/> read when this state was exported; <see langword="null"/> when the fake ran on
    /// another clock. Imported into a fake on a virtual clock, that clock is set to it (even backwards: the state is replaced
    /// whole); other clocks ignore it. Optional when read, so the format stays version 1.
    /// </summary>
    public DateTimeOffset? VirtualClockTime { get; init; }

    /// <summary>This state as compact JSON with snake_case names (asset content in base64): stable for storage and the control API.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, FakeServerlessStateJson.Default.FakeServerlessState);

    /// <summary>The same JSON as <see cref="ToJson"/>, as UTF-8 bytes: no string in between (about twice as fast on a large state).</summary>
    public byte[] ToJsonUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, FakeServerlessStateJson.Default.FakeServerlessState);

    /// <summary>Writes the same JSON as <see cref="ToJson"/> to <paramref name="utf8Json"/> as UTF-8, without holding it all in memory.</summary>
    public void WriteJson(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        JsonSerializer.Serialize(utf8Json, this, FakeServerlessStateJson.Default.FakeServerlessState);
    }

    /// <summary>Reads a state written by <see cref="ToJson"/>.</summary>
    /// <exception cref="ArgumentException">The text is not such a state; the message names the JSON path of the first bad value.</exception>
    public static FakeServerlessState FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromJsonUtf8(System.Text.Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Reads a state written by <see cref="ToJsonUtf8"/> or <see cref="WriteJson"/> (or <see cref="ToJson"/>, as UTF-8).</summary>
    /// <exception cref="ArgumentException">The bytes are not such a state; the message names the JSON path of the first bad value.</exception>
    public static FakeServerlessState FromJsonUtf8(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return Read(utf8Json);
        }
        catch (Snapshots.StateValidationException ex)
        {
            throw ex.ToArgumentException();
        }
    }

    /// <summary>As <see cref="FromJsonUtf8"/>, throwing the typed <see cref="Snapshots.StateValidationException"/> (the control API's 400).</summary>
    internal static FakeServerlessState Read(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return JsonSerializer.Deserialize(utf8Json, FakeServerlessStateJson.Default.FakeServerlessState)
                ?? throw new Snapshots.StateValidationException(string.Empty, "the JSON is null, not a fake's state.");
        }
        catch (JsonException ex)
        {
            throw Snapshots.StateJsonShape.Explain(utf8Json.ToArray(), ex);
        }
    }

    /// <summary>Reads a state from a UTF-8 JSON stream (as <see cref="WriteJson"/> writes it).</summary>
    /// <exception cref="ArgumentException">The stream does not hold such a state; the message names the JSON path where reading stopped.</exception>
    public static FakeServerlessState ReadJson(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        try
        {
            return JsonSerializer.Deserialize(utf8Json, FakeServerlessStateJson.Default.FakeServerlessState)
                ?? throw new ArgumentException("The state is not valid: the JSON is null, not a fake's state.");
        }
        catch (JsonException ex)
        {
            throw Snapshots.StateJsonShape.Unexplained(ex).ToArgumentException();
        }
    }
}
