using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace FakeServerless.Routing;

/// <summary>
/// The route values of one match: the route's parameter names (shared, from the template) beside this request's values. A route
/// has at most a handful, so a linear scan beats hashing, and a match allocates one small array instead of a dictionary.
/// </summary>
internal sealed class RouteValues : IReadOnlyDictionary<string, string>
{
    public static readonly RouteValues None = new([], []);

    private readonly string[] _names;
    private readonly string[] _values;

    public RouteValues(string[] names, string[] values)
    {
        _names = names;
        _values = values;
    }

    public int Count => _names.Length;

    public IEnumerable<string> Keys => _names;

    public IEnumerable<string> Values => _values;

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No route value '{key}'.");

    public bool ContainsKey(string key) => Array.IndexOf(_names, key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        for (var i = 0; i < _names.Length; i++)
        {
            if (string.Equals(_names[i], key, StringComparison.Ordinal))
            {
                value = _values[i];
                return true;
            }
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (var i = 0; i < _names.Length; i++)
        {
            yield return new KeyValuePair<string, string>(_names[i], _values[i]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
