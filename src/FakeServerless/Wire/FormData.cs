using FakeServerless.Messages;

namespace FakeServerless.Wire;

/// <summary>Request parameters (query or form, repeated keys kept in order) and multipart files.</summary>
internal sealed class FormData
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly List<FormFile> _files = [];

    public IReadOnlyDictionary<string, List<string>> Values => _values;

    public IReadOnlyList<FormFile> Files => _files;

    public void Add(string key, string value)
    {
        if (!_values.TryGetValue(key, out var list))
        {
            list = [];
            _values.Add(key, list);
        }

        list.Add(value);
    }

    public void AddFile(FormFile file) => _files.Add(file);

    /// <summary>The first value of <paramref name="key"/>, or null when absent.</summary>
    public string? Get(string key) => _values.TryGetValue(key, out var list) && list.Count > 0 ? list[0] : null;

    /// <summary>Every value of a repeated key.</summary>
    public IReadOnlyList<string> GetAll(string key) => _values.TryGetValue(key, out var list) ? list : [];

    public FormFile? GetFile(string name) => _files.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));

    /// <summary>A read-only copy for the journal: long keys and values truncated with a marker.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ToSnapshot()
    {
        if (_values.Count == 0 && _files.Count == 0)
        {
            return System.Collections.ObjectModel.ReadOnlyDictionary<string, IReadOnlyList<string>>.Empty; // most reads: nothing to copy
        }

        var copy = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, list) in _values)
        {
            copy[LogText.Truncate(key)] = list.Select(LogText.Truncate).ToArray();
        }

        foreach (var file in _files)
        {
            copy.TryAdd(LogText.Truncate(file.Name), [LogText.Truncate($"<file {file.FileName} {file.ContentType} {file.Content.Length} bytes>")]);
        }

        return copy;
    }
}
