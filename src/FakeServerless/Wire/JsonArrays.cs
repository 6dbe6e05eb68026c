using System.Text.Json;

namespace FakeServerless.Wire;

/// <summary>The array shapes the API and control writers share, written once.</summary>
internal static class JsonArrays
{
    /// <summary>Writes <c>"name": [...]</c>, each item written whole (object and all) by <paramref name="writeItem"/>.</summary>
    public static void Write<T>(Utf8JsonWriter w, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeItem)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            writeItem(w, item);
        }

        w.WriteEndArray();
    }

    /// <summary>Writes <c>"name": [{...}, ...]</c>, <paramref name="writeFields"/> writing each object's fields.</summary>
    public static void WriteObjects<T>(Utf8JsonWriter w, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeFields)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStartObject();
            writeFields(w, item);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>Writes a list answer: an object whose one field <paramref name="name"/> is the array of items.</summary>
    public static void WriteList<T>(Utf8JsonWriter w, string name, IEnumerable<T> items, Action<Utf8JsonWriter, T> writeItem)
    {
        w.WriteStartObject();
        Write(w, name, items, writeItem);
        w.WriteEndObject();
    }
}
