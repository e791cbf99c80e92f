namespace ToolRL.PythonSemantics;

/// <summary>The kinds of value Python's <c>json.loads</c> produces.</summary>
public enum PyValueKind
{
    /// <summary><c>dict</c>.</summary>
    Dict,
    /// <summary><c>list</c>.</summary>
    List,
    /// <summary><c>str</c>.</summary>
    Str,
    /// <summary><c>int</c> (any size).</summary>
    Int,
    /// <summary><c>float</c>, NaN and ±infinity included.</summary>
    Float,
    /// <summary><c>True</c> or <c>False</c>.</summary>
    Bool,
    /// <summary><c>None</c>.</summary>
    None,
}

/// <summary>
/// A JSON value as Python holds it after <c>json.loads</c>: dicts keep insertion order with the last of
/// duplicate keys winning, ints keep every digit, strings may hold lone surrogates.
/// </summary>
public sealed class PyValue
{
    private PyValue(PyValueKind kind) => Kind = kind;

    /// <summary>What kind of value this is.</summary>
    public PyValueKind Kind { get; }

    /// <summary>The text of a <see cref="PyValueKind.Str"/>, or the canonical digits of an <see cref="PyValueKind.Int"/>.</summary>
    public string Text { get; private init; } = string.Empty;

    /// <summary>The value of a <see cref="PyValueKind.Float"/>.</summary>
    public double Float { get; private init; }

    /// <summary>The value of a <see cref="PyValueKind.Bool"/>.</summary>
    public bool Bool { get; private init; }

    /// <summary>The items of a <see cref="PyValueKind.List"/>.</summary>
    public IReadOnlyList<PyValue> Items { get; private init; } = [];

    /// <summary>The members of a <see cref="PyValueKind.Dict"/>, in insertion order.</summary>
    public IReadOnlyList<KeyValuePair<string, PyValue>> Members { get; private init; } = [];

    /// <summary><c>None</c>.</summary>
    public static PyValue None { get; } = new(PyValueKind.None);
    /// <summary><c>True</c>.</summary>
    public static PyValue True { get; } = new(PyValueKind.Bool) { Bool = true };
    /// <summary><c>False</c>.</summary>
    public static PyValue False { get; } = new(PyValueKind.Bool) { Bool = false };

    /// <summary>A <c>str</c>.</summary>
    public static PyValue Str(string text) => new(PyValueKind.Str) { Text = text };
    /// <summary>An <c>int</c> from JSON integer digits; <c>-0</c> becomes <c>0</c>, as <c>int("-0")</c> does.</summary>
    public static PyValue Int(string digits) => new(PyValueKind.Int) { Text = digits == "-0" ? "0" : digits };
    /// <summary>A <c>float</c>.</summary>
    public static PyValue FromDouble(double value) => new(PyValueKind.Float) { Float = value };
    /// <summary>A <c>list</c>.</summary>
    public static PyValue List(IReadOnlyList<PyValue> items) => new(PyValueKind.List) { Items = items };
    /// <summary>A <c>dict</c> whose keys are distinct, in insertion order.</summary>
    public static PyValue Dict(IReadOnlyList<KeyValuePair<string, PyValue>> members) => new(PyValueKind.Dict) { Members = members };

    /// <summary>Python's <c>bool(value)</c>: empty containers and strings, zero, <c>False</c> and <c>None</c> are false.</summary>
    public bool IsTruthy => Kind switch
    {
        PyValueKind.Dict => Members.Count > 0,
        PyValueKind.List => Items.Count > 0,
        PyValueKind.Str => Text.Length > 0,
        PyValueKind.Int => Text != "0",
        PyValueKind.Float => Float != 0.0, // NaN is true
        PyValueKind.Bool => Bool,
        _ => false,
    };

    /// <summary>The value of <paramref name="key"/> in a dict, as <c>d.get(key)</c>; null when absent or not a dict.</summary>
    public PyValue? Get(string key)
    {
        // An indexed loop: foreach over the IReadOnlyList would box its enumerator on every lookup.
        var members = Members;
        for (var i = 0; i < members.Count; i++)
        {
            if (string.Equals(members[i].Key, key, StringComparison.Ordinal))
                return members[i].Value;
        }
        return null;
    }

    /// <summary>Python's <c>str(value)</c> for scalars; containers as their <c>json.dumps</c> text.</summary>
    public override string ToString() => Kind switch
    {
        PyValueKind.Str or PyValueKind.Int => Text,
        PyValueKind.Float => PyFloat.Str(Float),
        PyValueKind.Bool => Bool ? "True" : "False",
        PyValueKind.None => "None",
        _ => PyJson.Dumps(this),
    };
}
