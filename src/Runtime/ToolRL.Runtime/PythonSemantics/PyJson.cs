using System.Globalization;
using System.Text;

namespace ToolRL.PythonSemantics;

/// <summary>
/// Python's <c>json.loads</c> and <c>json.dumps(…, ensure_ascii=False)</c>, which the reference parser and
/// reward run on model output. Differences from System.Text.Json that decide rewards: <c>NaN</c>/<c>Infinity</c>
/// literals are accepted, duplicate keys keep the last value, escaped lone surrogates are kept, raw control
/// characters in strings are errors, integers have no size limit but at most 4,300 digits
/// (<c>sys.int_info.default_max_str_digits</c>), and nesting is bounded (Python's recursion limit).
/// </summary>
public static class PyJson
{
    /// <summary>
    /// Deepest nesting accepted. Python's bound is its recursion limit (1000) less the caller's stack depth,
    /// about 995 at top level; deeper text raises <c>RecursionError</c>.
    /// </summary>
    public const int MaxDepth = 990;

    /// <summary>Python's default limit on the digits of an integer literal.</summary>
    public const int MaxIntDigits = 4300;

    /// <summary><c>json.loads(text)</c>; false where Python raises.</summary>
    public static bool TryLoads(ReadOnlySpan<char> text, out PyValue value)
    {
        var reader = new Reader(text);
        reader.SkipWhitespace();
        if (reader.TryValue(0, out value!))
        {
            reader.SkipWhitespace();
            if (reader.AtEnd)
                return true;
        }
        value = null!;
        return false;
    }

    /// <summary><c>json.dumps(value, ensure_ascii=False)</c> with the default separators <c>", "</c> and <c>": "</c>.</summary>
    /// <remarks>
    /// One deliberate difference: a lone surrogate is written as a <c>\uXXXX</c> escape, since it has no UTF-8 form
    /// (Python keeps it raw and fails later, when the text is encoded).
    /// </remarks>
    public static string Dumps(PyValue value)
    {
        // One builder per thread, reused: every parsed tool call is dumped, and a fresh builder grows chunk by chunk.
        var sb = t_dumpBuilder ?? new StringBuilder(256);
        t_dumpBuilder = null; // a nested Dumps on this thread (none today) would get its own
        Write(sb, value);
        var text = sb.ToString();
        if (sb.Capacity <= MaxCachedBuilder)
            t_dumpBuilder = sb.Clear();
        return text;
    }

    private const int MaxCachedBuilder = 16 * 1024;

    [ThreadStatic]
    private static StringBuilder? t_dumpBuilder;

    private static void Write(StringBuilder sb, PyValue value)
    {
        switch (value.Kind)
        {
            case PyValueKind.Dict:
                sb.Append('{');
                for (var i = 0; i < value.Members.Count; i++)
                {
                    if (i > 0)
                        sb.Append(", ");
                    WriteString(sb, value.Members[i].Key);
                    sb.Append(": ");
                    Write(sb, value.Members[i].Value);
                }
                sb.Append('}');
                break;
            case PyValueKind.List:
                sb.Append('[');
                for (var i = 0; i < value.Items.Count; i++)
                {
                    if (i > 0)
                        sb.Append(", ");
                    Write(sb, value.Items[i]);
                }
                sb.Append(']');
                break;
            case PyValueKind.Str:
                WriteString(sb, value.Text);
                break;
            case PyValueKind.Int:
                sb.Append(value.Text);
                break;
            case PyValueKind.Float:
                sb.Append(double.IsNaN(value.Float) ? "NaN"
                    : double.IsPositiveInfinity(value.Float) ? "Infinity"
                    : double.IsNegativeInfinity(value.Float) ? "-Infinity"
                    : PyFloat.Repr(value.Float));
                break;
            case PyValueKind.Bool:
                sb.Append(value.Bool ? "true" : "false");
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    /// <summary>A JSON string literal as <c>json.dumps(s, ensure_ascii=False)</c> writes it.</summary>
    public static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < ' ')
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                        sb.Append(c).Append(s[++i]);
                    else if (char.IsSurrogate(c))
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    /// <summary>A recursive-descent reader with Python's grammar (the C scanner of the <c>json</c> module).</summary>
    private ref struct Reader(ReadOnlySpan<char> text)
    {
        private readonly ReadOnlySpan<char> _s = text;
        private int _i;

        public readonly bool AtEnd => _i == _s.Length;

        // json's WHITESPACE regex: [ \t\n\r]* — narrower than str.isspace.
        public void SkipWhitespace()
        {
            while (_i < _s.Length && _s[_i] is ' ' or '\t' or '\n' or '\r')
                _i++;
        }

        public bool TryValue(int depth, out PyValue value)
        {
            value = null!;
            if (_i >= _s.Length)
                return false;
            switch (_s[_i])
            {
                case '"':
                    _i++;
                    if (!TryStringBody(out var str))
                        return false;
                    value = PyValue.Str(str);
                    return true;
                case '{':
                    return depth < MaxDepth && TryDict(depth + 1, out value);
                case '[':
                    return depth < MaxDepth && TryList(depth + 1, out value);
                case 'n':
                    return TryLiteral("null", PyValue.None, out value);
                case 't':
                    return TryLiteral("true", PyValue.True, out value);
                case 'f':
                    return TryLiteral("false", PyValue.False, out value);
                case 'N':
                    return TryLiteral("NaN", PyValue.FromDouble(double.NaN), out value);
                case 'I':
                    return TryLiteral("Infinity", PyValue.FromDouble(double.PositiveInfinity), out value);
                case '-' when _s[_i..].StartsWith("-Infinity", StringComparison.Ordinal):
                    _i += "-Infinity".Length;
                    value = PyValue.FromDouble(double.NegativeInfinity);
                    return true;
                default:
                    return TryNumber(out value);
            }
        }

        private bool TryLiteral(string literal, PyValue result, out PyValue value)
        {
            value = result;
            if (!_s[_i..].StartsWith(literal, StringComparison.Ordinal))
                return false;
            _i += literal.Length;
            return true;
        }

        // -?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?
        private bool TryNumber(out PyValue value)
        {
            value = null!;
            var start = _i;
            if (_i < _s.Length && _s[_i] == '-')
                _i++;
            if (_i >= _s.Length || !char.IsAsciiDigit(_s[_i]))
                return false;
            if (_s[_i] == '0')
                _i++;
            else
                while (_i < _s.Length && char.IsAsciiDigit(_s[_i]))
                    _i++;
            var intEnd = _i;
            var isFloat = false;
            if (_i + 1 < _s.Length && _s[_i] == '.' && char.IsAsciiDigit(_s[_i + 1]))
            {
                isFloat = true;
                _i += 2;
                while (_i < _s.Length && char.IsAsciiDigit(_s[_i]))
                    _i++;
            }
            if (_i < _s.Length && _s[_i] is 'e' or 'E')
            {
                var mark = _i;
                _i++;
                if (_i < _s.Length && _s[_i] is '+' or '-')
                    _i++;
                if (_i < _s.Length && char.IsAsciiDigit(_s[_i]))
                {
                    isFloat = true;
                    while (_i < _s.Length && char.IsAsciiDigit(_s[_i]))
                        _i++;
                }
                else
                {
                    _i = mark; // "1e" is the number 1 followed by extra data, as in Python's regex
                }
            }
            var number = _s[start.._i];
            if (isFloat)
            {
                // Correctly rounded, overflow to ±infinity: the same as Python's float().
                value = PyValue.FromDouble(double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture));
                return true;
            }
            var digits = intEnd - start - (number[0] == '-' ? 1 : 0);
            if (digits > MaxIntDigits)
                return false; // ValueError: Exceeds the limit (4300 digits) for integer string
            value = PyValue.Int(number.ToString());
            return true;
        }

        private bool TryStringBody(out string value)
        {
            value = string.Empty;
            StringBuilder? sb = null;
            var runStart = _i;
            while (_i < _s.Length)
            {
                var c = _s[_i];
                if (c == '"')
                {
                    value = sb is null ? _s[runStart.._i].ToString() : sb.Append(_s[runStart.._i]).ToString();
                    _i++;
                    return true;
                }
                if (c < ' ')
                    return false; // strict=True: "Invalid control character"
                if (c != '\\')
                {
                    _i++;
                    continue;
                }
                sb ??= new StringBuilder();
                sb.Append(_s[runStart.._i]);
                _i++;
                if (_i >= _s.Length)
                    return false;
                switch (_s[_i])
                {
                    case '"': sb.Append('"'); break;
                    case '\\': sb.Append('\\'); break;
                    case '/': sb.Append('/'); break;
                    case 'b': sb.Append('\b'); break;
                    case 'f': sb.Append('\f'); break;
                    case 'n': sb.Append('\n'); break;
                    case 'r': sb.Append('\r'); break;
                    case 't': sb.Append('\t'); break;
                    case 'u':
                        if (_i + 4 >= _s.Length
                            || !int.TryParse(_s.Slice(_i + 1, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                            return false;
                        // UTF-16 code units appended one by one form the same string as Python's surrogate pairing.
                        sb.Append((char)code);
                        _i += 4;
                        break;
                    default:
                        return false; // "Invalid \escape"
                }
                _i++;
                runStart = _i;
            }
            return false; // "Unterminated string"
        }

        private bool TryDict(int depth, out PyValue value)
        {
            value = null!;
            _i++; // {
            var members = new List<KeyValuePair<string, PyValue>>();
            Dictionary<string, int>? index = null;
            SkipWhitespace();
            if (_i < _s.Length && _s[_i] == '}')
            {
                _i++;
                value = PyValue.Dict(members);
                return true;
            }
            while (true)
            {
                if (_i >= _s.Length || _s[_i] != '"')
                    return false; // "Expecting property name enclosed in double quotes"
                _i++;
                if (!TryStringBody(out var key))
                    return false;
                SkipWhitespace();
                if (_i >= _s.Length || _s[_i] != ':')
                    return false;
                _i++;
                SkipWhitespace();
                if (!TryValue(depth, out var item))
                    return false;
                var at = IndexOf(members, ref index, key);
                if (at >= 0)
                    members[at] = new(key, item); // a dict keeps the first position and the last value
                else
                {
                    index?.Add(key, members.Count);
                    members.Add(new(key, item));
                }
                SkipWhitespace();
                if (_i >= _s.Length)
                    return false;
                if (_s[_i] == '}')
                {
                    _i++;
                    value = PyValue.Dict(members);
                    return true;
                }
                if (_s[_i] != ',')
                    return false;
                _i++;
                SkipWhitespace();
            }
        }

        // Tool-call objects have a few keys: a linear scan finds duplicates without a dictionary, built only for large objects.
        private const int LinearKeyScan = 8;

        private static int IndexOf(List<KeyValuePair<string, PyValue>> members, ref Dictionary<string, int>? index, string key)
        {
            if (index is null && members.Count >= LinearKeyScan)
            {
                index = new Dictionary<string, int>(members.Count * 2, StringComparer.Ordinal);
                for (var i = 0; i < members.Count; i++)
                    index[members[i].Key] = i;
            }
            if (index is not null)
                return index.TryGetValue(key, out var at) ? at : -1;
            for (var i = 0; i < members.Count; i++)
            {
                if (string.Equals(members[i].Key, key, StringComparison.Ordinal))
                    return i;
            }
            return -1;
        }

        private bool TryList(int depth, out PyValue value)
        {
            value = null!;
            _i++; // [
            var items = new List<PyValue>();
            SkipWhitespace();
            if (_i < _s.Length && _s[_i] == ']')
            {
                _i++;
                value = PyValue.List(items);
                return true;
            }
            while (true)
            {
                if (!TryValue(depth, out var item))
                    return false;
                items.Add(item);
                SkipWhitespace();
                if (_i >= _s.Length)
                    return false;
                if (_s[_i] == ']')
                {
                    _i++;
                    value = PyValue.List(items);
                    return true;
                }
                if (_s[_i] != ',')
                    return false;
                _i++;
                SkipWhitespace();
            }
        }
    }
}
