using System.Globalization;
using System.Text;
using ToolRL.PythonSemantics;

namespace ToolRL.Server.Hosting;

/// <summary>
/// A small JSON writer over a <see cref="StringBuilder"/>. Strings go through <see cref="PyJson.WriteString"/>, so
/// a lone surrogate (which model text and tool feedback can hold) is written as a <c>\uXXXX</c> escape instead of
/// failing as it would in <c>Utf8JsonWriter</c>. Commas are placed automatically.
/// </summary>
internal sealed class JsonText
{
    private readonly StringBuilder _sb = new(256);
    private bool _needComma;

    public JsonText StartObject() { Separate(); _sb.Append('{'); _needComma = false; return this; }
    public JsonText EndObject() { _sb.Append('}'); _needComma = true; return this; }
    public JsonText StartArray() { Separate(); _sb.Append('['); _needComma = false; return this; }
    public JsonText EndArray() { _sb.Append(']'); _needComma = true; return this; }

    public JsonText Name(string name)
    {
        Separate();
        PyJson.WriteString(_sb, name);
        _sb.Append(':');
        _needComma = false;
        return this;
    }

    public JsonText String(string? value)
    {
        Separate();
        if (value is null)
            _sb.Append("null");
        else
            PyJson.WriteString(_sb, value);
        _needComma = true;
        return this;
    }

    public JsonText Number(double value)
    {
        Separate();
        // JSON has no NaN or infinity; rewards are always finite, but never write invalid JSON.
        _sb.Append(double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "null");
        _needComma = true;
        return this;
    }

    public JsonText Number(long value)
    {
        Separate();
        _sb.Append(value.ToString(CultureInfo.InvariantCulture));
        _needComma = true;
        return this;
    }

    public JsonText Bool(bool value)
    {
        Separate();
        _sb.Append(value ? "true" : "false");
        _needComma = true;
        return this;
    }

    public JsonText Null()
    {
        Separate();
        _sb.Append("null");
        _needComma = true;
        return this;
    }

    /// <summary>Writes already valid JSON text as a value (e.g. a tool's parameter schema).</summary>
    public JsonText Raw(string json)
    {
        Separate();
        _sb.Append(json);
        _needComma = true;
        return this;
    }

    public JsonText Property(string name, string? value) => Name(name).String(value);
    public JsonText Property(string name, double value) => Name(name).Number(value);
    public JsonText Property(string name, long value) => Name(name).Number(value);
    public JsonText Property(string name, bool value) => Name(name).Bool(value);

    private void Separate()
    {
        if (_needComma)
            _sb.Append(',');
    }

    public override string ToString() => _sb.ToString();
}
