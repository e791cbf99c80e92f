using ToolRL.PythonSemantics;

namespace ToolRL.Trainer.Text.ChatTemplates;

/// <summary>
/// A JSON number as Python's <c>json.dumps(json.loads(text))</c> writes it — what HF's <c>tojson</c> prints for
/// arguments and schemas that were parsed from JSON. A literal without fraction or exponent is a Python int
/// (any size, written as is; <c>-0</c> is <c>0</c>); any other is a float, written as <c>repr(float)</c>
/// (<see cref="PyFloat"/>), with overflow as <c>Infinity</c>.
/// </summary>
public static class PythonJsonNumber
{
    /// <summary>Formats a valid JSON number literal (as <see cref="System.Text.Json.JsonElement.GetRawText"/> gives it).</summary>
    public static string Format(string literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        if (!PyJson.TryLoads(literal, out var value) || value.Kind is not (PyValueKind.Int or PyValueKind.Float))
            throw new ArgumentException($"'{literal}' is not a JSON number.", nameof(literal));
        return PyJson.Dumps(value);
    }
}
