using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace FakeServerless.Snapshots;

/// <summary>
/// Explains why JSON did not read as a <see cref="FakeServerlessState"/>: it walks the document beside the serializer's own
/// metadata (<see cref="FakeServerlessStateJson"/>) and names the first field that is unknown, missing or of the wrong kind, by its
/// JSON path and in the state's own terms (never a .NET type name). Runs only after a read failed, so a good state pays nothing.
/// </summary>
internal static class StateJsonShape
{
    /// <summary>The reason <paramref name="utf8Json"/> failed to read with <paramref name="error"/>, as a validation failure.</summary>
    public static StateValidationException Explain(ReadOnlyMemory<byte> utf8Json, JsonException error)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json);
        }
        catch (JsonException syntax)
        {
            return new StateValidationException(string.Empty, $"the text is not valid JSON (line {syntax.LineNumber + 1}, byte {syntax.BytePositionInLine + 1}).");
        }

        using (document)
        {
            return Walk(document.RootElement, typeof(FakeServerlessState), string.Empty) ?? Unexplained(error);
        }
    }

    /// <summary>The failure as the serializer located it, when the walk finds nothing more precise (or the JSON came as a stream).</summary>
    public static StateValidationException Unexplained(JsonException error)
    {
        if (error.Path is null)
        {
            return new StateValidationException(string.Empty, $"the text is not valid JSON (line {error.LineNumber + 1}, byte {error.BytePositionInLine + 1}).");
        }

        var path = error.Path.StartsWith("$.", StringComparison.Ordinal) ? error.Path[2..] : error.Path.TrimStart('$');
        return new StateValidationException(path, "this value is not what a fake's state holds here (an unknown field, a missing one, or a value of the wrong kind).");
    }

    private static StateValidationException? Walk(JsonElement element, Type type, string path)
    {
        var info = FakeServerlessStateJson.Default.GetTypeInfo(type)
            ?? throw new InvalidOperationException($"The state's JSON metadata has no entry for a type it holds ({path}).");
        if (element.ValueKind == JsonValueKind.Null)
        {
            // Null where a reference is expected is StateValidator's to judge (the same rule applies to a state built in C#);
            // null for a value that cannot be null fails here.
            return type.IsValueType && Nullable.GetUnderlyingType(type) is null ? Wrong(path, element, type) : null;
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                return element.ValueKind == JsonValueKind.Object ? Object(element, info, path) : Wrong(path, element, type);
            case JsonTypeInfoKind.Enumerable:
                if (element.ValueKind != JsonValueKind.Array)
                {
                    return Wrong(path, element, type);
                }

                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Walk(item, info.ElementType!, $"{path}[{index.ToString(CultureInfo.InvariantCulture)}]") is { } found)
                    {
                        return found;
                    }

                    index++;
                }

                return null;
            case JsonTypeInfoKind.Dictionary:
                if (element.ValueKind != JsonValueKind.Object)
                {
                    return Wrong(path, element, type);
                }

                foreach (var entry in element.EnumerateObject())
                {
                    if (Walk(entry.Value, info.ElementType!, Child(path, entry.Name)) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                try
                {
                    JsonSerializer.Deserialize(element, info);
                    return null;
                }
                catch (JsonException)
                {
                    return Wrong(path, element, type);
                }
        }
    }

    private static StateValidationException? Object(JsonElement element, JsonTypeInfo info, string path)
    {
        var properties = info.Properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var field in element.EnumerateObject())
        {
            if (!properties.TryGetValue(field.Name, out var property))
            {
                return new StateValidationException(
                    Child(path, field.Name), $"unknown field; this object takes {string.Join(", ", properties.Keys)}.");
            }

            if (Walk(field.Value, property.PropertyType, Child(path, field.Name)) is { } found)
            {
                return found;
            }
        }

        foreach (var property in info.Properties)
        {
            var required = property.IsRequired || property.AssociatedParameter is { HasDefaultValue: false, IsMemberInitializer: false };
            if (required && !element.TryGetProperty(property.Name, out _))
            {
                return new StateValidationException(Child(path, property.Name), "this field is missing; it is required.");
            }
        }

        return null;
    }

    private static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static StateValidationException Wrong(string path, JsonElement element, Type type)
    {
        var raw = element.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.Null => "null",
            _ => element.GetRawText() is var text && text.Length > 60 ? text[..60] + "…" : element.GetRawText(),
        };
        return new StateValidationException(path, $"{Messages.LogText.Escape(raw)}, but {Expected(type)} is required.");
    }

    /// <summary>What a value of <paramref name="type"/> looks like in the state's JSON, in words.</summary>
    private static string Expected(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Expected(underlying) + " or null";
        }

        if (type.IsEnum)
        {
            return "one of " + string.Join(", ", Enum.GetNames(type));
        }

        return type switch
        {
            _ when type == typeof(string) => "text",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) => $"a whole number from {int.MinValue} to {int.MaxValue}",
            _ when type == typeof(long) => $"a whole number from {long.MinValue} to {long.MaxValue}",
            _ when type == typeof(ulong) => $"a whole number from 0 to {ulong.MaxValue}",
            _ when type == typeof(DateTimeOffset) => "a date-time such as 2026-01-01T00:00:00+00:00",
            _ when type == typeof(TimeSpan) => "a duration such as 00:01:00",
            _ when type == typeof(ReadOnlyMemory<byte>) => "base64 text",
            _ => FakeServerlessStateJson.Default.GetTypeInfo(type)?.Kind switch
            {
                JsonTypeInfoKind.Enumerable => "an array",
                JsonTypeInfoKind.Dictionary => "an object of SIDs to numbers",
                _ => "an object",
            },
        };
    }
}
