using System.Text;
using ToolRL.PythonSemantics;

namespace ToolRL.Trainer.Text.ChatTemplates;

/// <summary>
/// JSON text as a chat template's <c>tojson</c> filter writes it under HF transformers: Python's
/// <c>json.dumps(json.loads(text), ensure_ascii=False)</c>, which is <see cref="PyJson"/>.
/// </summary>
/// <remarks>
/// <c>", "</c> and <c>": "</c> separators; keys in their input order (no integer-like keys first, unlike
/// JavaScript), a key given twice keeping its first position and its last value; ints of any size as written,
/// floats as Python's <c>repr</c> (<c>19.90</c> → <c>19.9</c>, <c>1.5e3</c> → <c>1500.0</c>, <c>1e-7</c> → <c>1e-07</c>);
/// non-ASCII kept, control characters escaped. A lone surrogate, which Python would keep raw (and fail on
/// when the text is tokenized), is written as its <c>\uXXXX</c> escape, so a sampled turn holding one never
/// stops a run.
/// </remarks>
internal static class TemplateJson
{
    /// <summary>Re-renders JSON text in the template's <c>tojson</c> style; throws <see cref="ArgumentException"/> on invalid JSON.</summary>
    public static string Render(string json, string what = "JSON value")
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!PyJson.TryLoads(json, out var value))
            throw new ArgumentException($"{what} is not valid JSON: {Truncate(json)}", nameof(json));
        return PyJson.Dumps(value);
    }

    /// <summary>Appends <paramref name="value"/> as a JSON string literal in Python's <c>ensure_ascii=False</c> style.</summary>
    public static void WriteString(string value, StringBuilder sb) => PyJson.WriteString(sb, value);

    private static string Truncate(string s) => s.Length <= 200 ? s : s[..200] + "…";
}
