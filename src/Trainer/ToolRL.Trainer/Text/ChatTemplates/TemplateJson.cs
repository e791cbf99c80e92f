using System.Text;
using System.Text.Json;

namespace ToolRL.Trainer.Text.ChatTemplates;

/// <summary>
/// JSON text as a chat template's <c>tojson</c> filter writes it under HF transformers: Python's
/// <c>json.dumps(value, ensure_ascii=False)</c>, i.e. <c>", "</c> and <c>": "</c> separators, keys in their
/// original order, non-ASCII characters kept as they are, control characters escaped.
/// </summary>
/// <remarks>
/// The input is read as <c>json.loads</c> reads it and written as <c>json.dumps</c> writes the result: numbers as
/// <see cref="PythonJsonNumber"/> (ints of any size as written, floats as Python's <c>repr</c>: <c>19.90</c> →
/// <c>19.9</c>, <c>1.5e3</c> → <c>1500.0</c>, <c>1e-7</c> → <c>1e-07</c>); object keys in their input order (no
/// integer-like keys first, unlike JavaScript); a key given twice keeps its first position and its last value.
/// </remarks>
public static class TemplateJson
{
    /// <summary>Re-renders JSON text in the template's <c>tojson</c> style; throws <see cref="ArgumentException"/> on invalid JSON.</summary>
    public static string Render(string json, string what = "JSON value")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{what} is not valid JSON ({e.Message}): {Truncate(json)}", nameof(json), e);
        }
        using (doc)
        {
            var sb = new StringBuilder(json.Length + 16);
            try
            {
                Write(doc.RootElement, sb);
            }
            catch (InvalidOperationException e)
            {
                // System.Text.Json refuses strings that escape an unpaired surrogate (\ud800).
                throw new ArgumentException($"{what} holds a string that is not valid Unicode ({e.Message}): {Truncate(json)}", nameof(json), e);
            }
            return sb.ToString();
        }
    }

    /// <summary>Appends <paramref name="value"/> as a JSON string literal in Python's <c>ensure_ascii=False</c> style.</summary>
    public static void WriteString(string value, StringBuilder sb)
    {
        sb.Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case < ' ': sb.Append("\\u").Append(((int)c).ToString("x4")); break;
                default: sb.Append(c); break;
            }
        }
        sb.Append('"');
    }

    private static void Write(JsonElement e, StringBuilder sb)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                // Last value wins, first position stays (dict semantics of the reference engines).
                var members = new List<(string Name, JsonElement Value)>();
                var index = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var p in e.EnumerateObject())
                {
                    if (index.TryGetValue(p.Name, out int at)) members[at] = (p.Name, p.Value);
                    else { index[p.Name] = members.Count; members.Add((p.Name, p.Value)); }
                }
                sb.Append('{');
                for (int i = 0; i < members.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    WriteString(members[i].Name, sb);
                    sb.Append(": ");
                    Write(members[i].Value, sb);
                }
                sb.Append('}');
                break;
            case JsonValueKind.Array:
                sb.Append('[');
                bool first = true;
                foreach (var item in e.EnumerateArray())
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    Write(item, sb);
                }
                sb.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(e.GetString()!, sb);
                break;
            case JsonValueKind.Number:
                sb.Append(PythonJsonNumber.Format(e.GetRawText()));
                break;
            case JsonValueKind.True: sb.Append("true"); break;
            case JsonValueKind.False: sb.Append("false"); break;
            default: sb.Append("null"); break;
        }
    }

    private static string Truncate(string s) => s.Length <= 200 ? s : s[..200] + "…";
}
