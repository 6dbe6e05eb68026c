using System.Text.Json;
using System.Text.Json.Nodes;

namespace FakeServerless.Reliability.Support;

/// <summary>
/// Seeded random changes to a valid exported state: a value nulled, removed, duplicated, retyped, pushed to an extreme, or
/// swapped for another value of the state (a SID of another kind or account, another record), or an unknown field added. Each
/// mutation is one change, described for the failure message.
/// </summary>
internal sealed class StateMutator(int seed)
{
    private static readonly JsonNode?[] Extremes =
    [
        null, -1, 0, 1, 9, int.MaxValue, int.MinValue, long.MaxValue, long.MinValue, 1e308, "", "hello", "ZS/../x", "ZS" + new string('0', 32),
        "AC00000000000000000000000000000009", "ZB0123456789abcdef0123456789abcdef", "9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+00:00",
        "9999-12-31T23:59:59-14:00", "10675199.02:48:05.4775807", "-00:00:01", "Public", "Building", "Failed", "AfterDelay", "AfterPolls", "Manual",
        true, false, "text/html\r\nSet-Cookie: x=1", "caf\u00e9", new string('x', 5000),
    ];

    // Values that keep a field's JSON kind, so many mutations stay valid and reach the engine: odd text, dates at either end,
    // other enum names, durations, counters near their limits.
    private static readonly string[] BenignText =
    [
        "", "x", "café ☃", "text/html\r\nSet-Cookie: x=1", "text/html\nX: y", "/../../etc/passwd", "/a b", "<script>x</script>",
        new string('z', 3000), "9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+00:00", "2026-06-01T12:00:00+14:00", "Public", "Protected", "Private",
        "Building", "Completed", "Failed", "Immediate", "Manual", "AfterPolls", "AfterDelay", "00:00:00", "10675199.02:48:05.4775807", "365.00:00:00",
        "node22", "node8", "python3", "info", "error",
    ];

    private static readonly long[] BenignNumbers = [0, 1, 2, 3, 100, int.MaxValue - 1, (1L << 53) - 1];

    private readonly Random _random = new(seed);

    public (string Json, string Description) Mutate(JsonNode original)
    {
        var root = original.DeepClone();
        var nodes = new List<JsonNode>();
        Collect(root, nodes);
        var target = nodes[_random.Next(nodes.Count)];
        var description = Apply(root, target, nodes);
        return (root.ToJsonString(), description);
    }

    private string Apply(JsonNode root, JsonNode target, List<JsonNode> nodes)
    {
        var path = target.GetPath();
        var name = target.Parent is JsonObject ? target.GetPropertyName() : string.Empty;
        var roll = _random.Next(100);
        switch (roll)
        {
            case < 30 when target is JsonValue value:
            {
                // Same kind, plausible value: many of these stay valid and reach the engine.
                JsonNode replacement = value.GetValueKind() switch
                {
                    JsonValueKind.String => JsonValue.Create(BenignFor(name, value.GetValue<string>())),
                    JsonValueKind.Number => JsonValue.Create(BenignNumbers[_random.Next(BenignNumbers.Length)]),
                    JsonValueKind.True => JsonValue.Create(false),
                    _ => JsonValue.Create(true),
                };
                Replace(root, target, replacement);
                return $"set {path} to {replacement.ToJsonString()}";
            }

            case < 40:
                return Replace(root, target, null) ? $"set {path} to null" : "no change (root)";
            case < 48:
            {
                // A null element in a list (dependencies: [null], items: [null]…).
                var array = target as JsonArray ?? target.Parent as JsonArray;
                if (array is null)
                {
                    goto default;
                }

                array.Add(null);
                return $"added a null element to {array.GetPath()}";
            }

            case < 56 when target is JsonValue && name is "visibility" or "status" or "outcome" or "completion_mode":
            {
                var number = Pick([9, -1, 3, 1]);
                Replace(root, target, JsonValue.Create(number));
                return $"set the enum {path} to the number {number}";
            }

            case < 56 when target is JsonValue && name is "next_sequence" or "reads" or "completion_polls" or "pending_build_failures" or "sid_generator_position" or "completion_delay":
            {
                JsonNode extreme = name == "completion_delay" ? JsonValue.Create(Pick(["10675199.02:48:05.4775807", "-00:00:01"])) : JsonValue.Create(Pick([long.MaxValue, int.MaxValue, -1L]));
                Replace(root, target, extreme);
                return $"set the counter {path} to {extreme.ToJsonString()}";
            }

            case < 66:
            {
                // Another value of the state of the same JSON kind: a SID of another kind or account, another record, another number.
                var kind = target.GetValueKind();
                var candidates = nodes.Where(n => n != target && n.GetValueKind() == kind && !IsAncestor(target, n) && !IsAncestor(n, target)).ToList();
                if (candidates.Count > 0 && Replace(root, target, candidates[_random.Next(candidates.Count)].DeepClone()))
                {
                    return $"swapped {path} with another {kind}";
                }

                goto default;
            }

            case < 74 when target.Parent is JsonObject parent:
                parent.Remove(name);
                return $"removed {path}";
            case < 82 when target.Parent is JsonArray array && array.Count > 0:
                array.Add(target.DeepClone());
                return $"duplicated {path}";
            case < 86 when target is JsonObject obj:
                obj["surprise_" + _random.Next(100)] = 1;
                return $"unknown field in {path}";
            default:
            {
                var extreme = Extremes[_random.Next(Extremes.Length)];
                var replacement = extreme?.DeepClone();
                return Replace(root, target, replacement) ? $"set {path} to {replacement?.ToJsonString() ?? "null"}" : "no change (root)";
            }
        }
    }

    /// <summary>A value of the field's own kind: a date for a date, an enum name for an enum, a SID of the same prefix for a SID.</summary>
    private string BenignFor(string name, string current) => name switch
    {
        "date_created" or "date_updated" or "virtual_clock_time" =>
            Pick(["9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00+00:00", "2026-06-01T12:00:00+14:00", "9999-12-31T23:59:59.9999999+00:00"]),
        "visibility" => Pick(["Public", "Protected", "Private"]),
        "status" => Pick(["Building", "Completed", "Failed"]),
        "outcome" => Pick(["Completed", "Failed"]),
        "completion_mode" => Pick(["Immediate", "Manual", "AfterPolls", "AfterDelay"]),
        "completion_delay" => Pick(["00:00:00", "00:01:00", "365.00:00:00", "10675199.02:48:05.4775807"]),
        _ when name.EndsWith("sid", StringComparison.Ordinal) && current.Length == 34 =>
            current[..2] + Convert.ToHexStringLower(BitConverter.GetBytes(_random.NextInt64())) + Convert.ToHexStringLower(BitConverter.GetBytes(_random.NextInt64())),
        _ => BenignText[_random.Next(BenignText.Length)],
    };

    private T Pick<T>(T[] values) => values[_random.Next(values.Length)];

    private static bool Replace(JsonNode root, JsonNode target, JsonNode? replacement)
    {
        switch (target.Parent)
        {
            case JsonObject parent:
                parent[target.GetPropertyName()] = replacement;
                return true;
            case JsonArray array:
                array[target.GetElementIndex()] = replacement;
                return true;
            default:
                return false;
        }
    }

    private static bool IsAncestor(JsonNode ancestor, JsonNode node)
    {
        for (var n = node.Parent; n is not null; n = n.Parent)
        {
            if (n == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    private static void Collect(JsonNode? node, List<JsonNode> nodes)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj.ToList())
                {
                    if (child is not null)
                    {
                        nodes.Add(child);
                        Collect(child, nodes);
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    if (child is not null)
                    {
                        nodes.Add(child);
                        Collect(child, nodes);
                    }
                }

                break;
        }
    }
}
