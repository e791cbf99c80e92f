using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace ToolRL.Generators.Parsing;

/// <summary>
/// A parsed JSON value. The generator cannot rely on System.Text.Json inside every compiler host. Equatable by value
/// (kind and compact text, property order kept), so a parsed facts file can sit in the incremental pipeline.
/// </summary>
internal sealed class JsonNode : IEquatable<JsonNode>
{
    private string? _json;

    public FactInputKind Kind { get; private init; }
    public string Text { get; private init; } = "";
    public List<KeyValuePair<string, JsonNode>>? Properties { get; private init; }
    public List<JsonNode>? Items { get; private init; }

    public bool IsObject => Properties is not null;
    public bool IsArray => Items is not null;

    public FactInput ToInput() => new(Kind, Text);

    /// <summary>Compact JSON text of this value (property order kept).</summary>
    public string ToJson()
    {
        if (_json is null)
        {
            var builder = new StringBuilder();
            Append(builder);
            _json = builder.ToString();
        }
        return _json;
    }

    public bool Equals(JsonNode? other) =>
        other is not null && (ReferenceEquals(this, other) || (Kind == other.Kind && ToJson() == other.ToJson()));

    public override bool Equals(object? obj) => Equals(obj as JsonNode);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToJson());

    private void Append(StringBuilder builder)
    {
        if (Properties is not null)
        {
            builder.Append('{');
            for (var i = 0; i < Properties.Count; i++)
            {
                if (i > 0)
                    builder.Append(',');
                JsonText.AppendQuoted(builder, Properties[i].Key);
                builder.Append(':');
                Properties[i].Value.Append(builder);
            }
            builder.Append('}');
        }
        else if (Items is not null)
        {
            builder.Append('[');
            for (var i = 0; i < Items.Count; i++)
            {
                if (i > 0)
                    builder.Append(',');
                Items[i].Append(builder);
            }
            builder.Append(']');
        }
        else if (Kind == FactInputKind.String)
        {
            JsonText.AppendQuoted(builder, Text);
        }
        else
        {
            builder.Append(Text);
        }
    }

    public static JsonNode Scalar(FactInputKind kind, string text) => new() { Kind = kind, Text = text };
    public static JsonNode Object(List<KeyValuePair<string, JsonNode>> properties) => new() { Kind = FactInputKind.Other, Text = "object", Properties = properties };
    public static JsonNode Array(List<JsonNode> items) => new() { Kind = FactInputKind.Other, Text = "array", Items = items };
}

/// <summary>A small strict JSON parser (RFC 8259, no comments or trailing commas) for facts files.</summary>
internal sealed class MiniJson
{
    private readonly string _text;
    private int _position;
    private int _depth;

    private MiniJson(string text) => _text = text;

    /// <summary>Parses <paramref name="text"/>; on failure returns null and a message with line and column.</summary>
    public static JsonNode? Parse(string text, out string? error)
    {
        var parser = new MiniJson(text);
        try
        {
            var value = parser.ReadValue();
            parser.SkipWhitespace();
            if (parser._position != text.Length)
                throw parser.Fail("unexpected text after the JSON value");
            error = null;
            return value;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return null;
        }
    }

    private FormatException Fail(string message)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < _position && i < _text.Length; i++)
        {
            if (_text[i] == '\n') { line++; column = 1; }
            else column++;
        }
        return new FormatException($"{message} at line {line}, column {column}");
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\r' or '\n' or '\uFEFF')
            _position++;
    }

    private JsonNode ReadValue()
    {
        SkipWhitespace();
        if (_position >= _text.Length)
            throw Fail("unexpected end of file");
        var c = _text[_position];
        switch (c)
        {
            case '{': return ReadObject();
            case '[': return ReadArray();
            case '"': return JsonNode.Scalar(FactInputKind.String, ReadString());
            case 't': Expect("true"); return JsonNode.Scalar(FactInputKind.Boolean, "true");
            case 'f': Expect("false"); return JsonNode.Scalar(FactInputKind.Boolean, "false");
            case 'n': Expect("null"); return JsonNode.Scalar(FactInputKind.Null, "null");
            default:
                if (c == '-' || char.IsDigit(c))
                    return JsonNode.Scalar(FactInputKind.Number, ReadNumber());
                throw Fail($"unexpected character '{c}'");
        }
    }

    private void Expect(string word)
    {
        if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0)
            throw Fail($"expected '{word}'");
        _position += word.Length;
    }

    private JsonNode ReadObject()
    {
        Enter();
        _position++;
        var properties = new List<KeyValuePair<string, JsonNode>>();
        SkipWhitespace();
        if (Peek() == '}')
        {
            _position++;
            _depth--;
            return JsonNode.Object(properties);
        }
        while (true)
        {
            SkipWhitespace();
            if (Peek() != '"')
                throw Fail("expected a property name in double quotes");
            var name = ReadString();
            SkipWhitespace();
            if (Peek() != ':')
                throw Fail("expected ':'");
            _position++;
            properties.Add(new KeyValuePair<string, JsonNode>(name, ReadValue()));
            SkipWhitespace();
            var next = Peek();
            _position++;
            if (next == '}')
                break;
            if (next != ',')
                throw Fail("expected ',' or '}'");
        }
        _depth--;
        return JsonNode.Object(properties);
    }

    private JsonNode ReadArray()
    {
        Enter();
        _position++;
        var items = new List<JsonNode>();
        SkipWhitespace();
        if (Peek() == ']')
        {
            _position++;
            _depth--;
            return JsonNode.Array(items);
        }
        while (true)
        {
            items.Add(ReadValue());
            SkipWhitespace();
            var next = Peek();
            _position++;
            if (next == ']')
                break;
            if (next != ',')
                throw Fail("expected ',' or ']'");
        }
        _depth--;
        return JsonNode.Array(items);
    }

    private void Enter()
    {
        if (++_depth > 64)
            throw Fail("nesting deeper than 64 levels");
    }

    private char Peek() => _position < _text.Length ? _text[_position] : throw Fail("unexpected end of file");

    private string ReadString()
    {
        _position++; // opening quote
        var builder = new StringBuilder();
        while (true)
        {
            var c = Peek();
            _position++;
            if (c == '"')
                return builder.ToString();
            if (c < 0x20)
                throw Fail("control character in a string");
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }
            var escape = Peek();
            _position++;
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_position + 4 > _text.Length || !int.TryParse(_text.Substring(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                        throw Fail("invalid \\u escape");
                    builder.Append((char)code);
                    _position += 4;
                    break;
                default:
                    throw Fail($"invalid escape '\\{escape}'");
            }
        }
    }

    private string ReadNumber()
    {
        var start = _position;
        if (Peek() == '-')
            _position++;
        while (_position < _text.Length && (char.IsDigit(_text[_position]) || _text[_position] is '.' or 'e' or 'E' or '+' or '-'))
            _position++;
        var text = _text.Substring(start, _position - start);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            throw Fail($"invalid number '{text}'");
        return text;
    }
}
