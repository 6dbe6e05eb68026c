using System.Text.Json;

namespace FakeServerless.Control;

/// <summary>
/// The JSON object a control request sent. Readers treat <c>null</c> as absent and throw <see cref="ControlException"/> (400)
/// naming the field when a value has the wrong type or range.
/// </summary>
internal sealed class ControlBody
{
    private readonly JsonElement _root;

    private ControlBody(JsonElement root) => _root = root;

    /// <summary>Parses <paramref name="body"/>; an empty body is an empty object.</summary>
    public static ControlBody Parse(byte[] body)
    {
        if (body.Length == 0 || body.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
        {
            return new ControlBody(JsonDocument.Parse("{}").RootElement);
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw ControlException.Invalid($"The body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).");
        }

        return root.ValueKind == JsonValueKind.Object
            ? new ControlBody(root)
            : throw ControlException.Invalid($"The body must be a JSON object, but it is {Describe(root)}.");
    }

    /// <summary>A JSON object nested in a body (e.g. one element of an array field), read with the same rules.</summary>
    public static ControlBody Of(JsonElement objectElement) => new(objectElement);

    /// <summary>The whole object, for endpoints that pass it on.</summary>
    public JsonElement Root => _root;

    /// <summary>Refuses any field not in <paramref name="known"/> (a typo must not be silently ignored).</summary>
    public ControlBody Allow(params string[] known)
    {
        foreach (var property in _root.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                throw ControlException.Invalid($"Unknown field '{property.Name}'; this endpoint takes {string.Join(", ", known)}.");
            }
        }

        return this;
    }

    public bool Has(string name) => Value(name) is not null;

    public string? String(string name) => Value(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        var v => throw WrongType(name, "a string", v.Value),
    };

    public bool? Bool(string name) => Value(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        var v => throw WrongType(name, "true or false", v.Value),
    };

    public int? Int(string name, int min, int max)
    {
        if (Value(name) is not { } v)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) && i >= min && i <= max
            ? i
            : throw WrongType(name, $"an integer from {min} to {max}", v);
    }

    public double? Number(string name, double min, double max)
    {
        if (Value(name) is not { } v)
        {
            return null;
        }

        return v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) && d >= min && d <= max
            ? d
            : throw WrongType(name, $"a number from {min} to {max}", v);
    }

    public static ControlException WrongType(string name, string expected, JsonElement actual) =>
        ControlException.Invalid($"{name} must be {expected}, but it is {Describe(actual)}.");

    private JsonElement? Value(string name) =>
        _root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string Describe(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length > 60 ? text[..60] + "…" : text;
    }
}
