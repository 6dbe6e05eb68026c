using System.Collections;
using System.Globalization;
using System.Reflection;

namespace FakeServerless.FluentAssertions.Matching;

/// <summary>
/// The parameters a journal entry is expected to carry, read from an anonymous object (<c>new { BuildSid = "ZB…" }</c>) or a
/// dictionary. Names are Twilio's, as sent (<c>BuildSid</c>, <c>FunctionVersions</c>). A single value must be among the
/// parameter's values; a sequence must equal them in order; <see langword="null"/> means the parameter must be absent.
/// </summary>
internal sealed class ParameterExpectation
{
    private readonly IReadOnlyList<(string Name, IReadOnlyList<string>? Values, bool IsSequence)> _expected;

    private ParameterExpectation(IReadOnlyList<(string Name, IReadOnlyList<string>? Values, bool IsSequence)> expected) => _expected = expected;

    public static ParameterExpectation From(object withParameters)
    {
        ArgumentNullException.ThrowIfNull(withParameters);
        var pairs = withParameters switch
        {
            IEnumerable<KeyValuePair<string, string>> strings => strings.Select(p => (p.Key, (object?)p.Value)),
            IEnumerable<KeyValuePair<string, object?>> objects => objects.Select(p => (p.Key, p.Value)),
            IDictionary dictionary => dictionary.Cast<DictionaryEntry>().Select(e => (Convert.ToString(e.Key, CultureInfo.InvariantCulture) ?? string.Empty, e.Value)),
            _ => withParameters.GetType()
                .GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanRead && p.GetIndexParameters().Length == 0)
                .Select(p => (p.Name, p.GetValue(withParameters))),
        };

        var expected = pairs.Select(p => p.Item2 switch
        {
            null => (p.Item1, (IReadOnlyList<string>?)null, false),
            string text => (p.Item1, [text], false),
            IEnumerable sequence => (p.Item1, sequence.Cast<object?>().Select(Text).ToArray(), true),
            var value => (p.Item1, [Text(value)], false),
        }).ToArray();

        if (expected.Length == 0)
        {
            throw new ArgumentException("Expected at least one parameter, e.g. new { BuildSid = \"ZB…\" }.", nameof(withParameters));
        }

        return new ParameterExpectation(expected);
    }

    public bool IsMatch(JournalEntry entry) => _expected.All(e =>
    {
        var found = entry.Parameters.TryGetValue(e.Name, out var actual);
        return e.Values switch
        {
            null => !found,
            _ when !found => false,
            _ when e.IsSequence => actual!.SequenceEqual(e.Values, StringComparer.Ordinal),
            _ => actual!.Contains(e.Values[0], StringComparer.Ordinal),
        };
    });

    /// <summary><c>BuildSid="ZB…", IsPlugin=&lt;absent&gt;</c>.</summary>
    public override string ToString() =>
        string.Join(", ", _expected.Select(e => e.Name + "=" + (e.Values is null ? "<absent>" : e.IsSequence ? "[" + string.Join(", ", e.Values.Select(Describe.Quote)) + "]" : Describe.Quote(e.Values[0]))));

    private static string Text(object? value) => value switch
    {
        null => string.Empty,
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
