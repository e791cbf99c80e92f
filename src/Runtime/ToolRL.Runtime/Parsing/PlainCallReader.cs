namespace ToolRL.Parsing;

/// <summary>
/// A fast path for the block a model almost always writes: <c>{"name": "tool", "arguments": {flat object}}</c>. It
/// reads the name and writes the arguments' <c>json.dumps</c> text straight from the block, with no parse tree. Where
/// its result could differ from the full reader's (<see cref="PythonSemantics.PyJson"/>), it defers: escapes,
/// surrogates, control characters, floats, <c>-0</c>, long integers, non-finite literals, nesting, duplicate or extra
/// keys, a non-string or empty name, string arguments, or anything malformed. A randomized test checks that whenever
/// it answers, the full path gives exactly the same call.
/// </summary>
internal static class PlainCallReader
{
    // Arguments with more members than this defer (a stack table of member positions; tool calls have a few).
    private const int MaxMembers = 8;

    // Longer integers defer: the full path keeps every digit too, but checks Python's 4,300-digit limit.
    private const int MaxIntDigits = 18;

    /// <summary>True with the call's name and arguments text; false to defer to the full reader (not "not a call").</summary>
    public static bool TryRead(ReadOnlySpan<char> s, out string name, out string argumentsJson)
    {
        name = argumentsJson = null!;
        var i = 0;
        SkipWhitespace(s, ref i);
        if (!Expect(s, ref i, '{'))
            return false;
        int nameStart = -1, nameLength = 0, argsStart = -1, argsEnd = 0;
        Span<int> members = stackalloc int[MaxMembers * 4]; // key start, key length, value start, value length
        var count = 0;
        for (var member = 0; member < 2; member++)
        {
            SkipWhitespace(s, ref i);
            if (!TryPlainString(s, ref i, out var keyStart, out var keyLength))
                return false;
            var key = s.Slice(keyStart + 1, keyLength - 2);
            SkipWhitespace(s, ref i);
            if (!Expect(s, ref i, ':'))
                return false;
            SkipWhitespace(s, ref i);
            if (key is "name" && nameStart < 0)
            {
                if (!TryPlainString(s, ref i, out nameStart, out nameLength) || nameLength == 2)
                    return false; // a non-string name, or an empty one (falsy: the block drops): the full path decides
            }
            else if (key is "arguments" && argsStart < 0)
            {
                argsStart = i;
                if (!TryFlatObject(s, ref i, members, out count))
                    return false;
                argsEnd = i;
            }
            else
            {
                return false; // another key, or a repeated one
            }
            SkipWhitespace(s, ref i);
            if (!Expect(s, ref i, member == 0 ? ',' : '}'))
                return false;
        }
        SkipWhitespace(s, ref i);
        if (i != s.Length)
            return false;

        name = RecentNames.Get(s.Slice(nameStart + 1, nameLength - 2));
        argumentsJson = Dumps(s, members[..(count * 4)]);
        return true;
    }

    /// <summary><c>{"k": v, ...}</c> with scalar values only; records each member's key and value positions.</summary>
    private static bool TryFlatObject(ReadOnlySpan<char> s, ref int i, Span<int> members, out int count)
    {
        count = 0;
        if (!Expect(s, ref i, '{'))
            return false;
        SkipWhitespace(s, ref i);
        if (Expect(s, ref i, '}'))
            return true;
        while (true)
        {
            if (count == MaxMembers || !TryPlainString(s, ref i, out var keyStart, out var keyLength))
                return false;
            var key = s.Slice(keyStart, keyLength);
            for (var m = 0; m < count; m++)
            {
                if (s.Slice(members[m * 4], members[m * 4 + 1]).SequenceEqual(key))
                    return false; // a duplicate key: the full path keeps the first position and the last value
            }
            SkipWhitespace(s, ref i);
            if (!Expect(s, ref i, ':'))
                return false;
            SkipWhitespace(s, ref i);
            var valueStart = i;
            if (!TryScalar(s, ref i))
                return false;
            members[count * 4] = keyStart;
            members[count * 4 + 1] = keyLength;
            members[count * 4 + 2] = valueStart;
            members[count * 4 + 3] = i - valueStart;
            count++;
            SkipWhitespace(s, ref i);
            if (Expect(s, ref i, '}'))
                return true;
            if (!Expect(s, ref i, ','))
                return false;
            SkipWhitespace(s, ref i);
        }
    }

    /// <summary>A plain string, <c>true</c>, <c>false</c>, <c>null</c> or a short integer whose text <c>json.dumps</c> writes back unchanged.</summary>
    private static bool TryScalar(ReadOnlySpan<char> s, ref int i)
    {
        if (i >= s.Length)
            return false;
        switch (s[i])
        {
            case '"':
                return TryPlainString(s, ref i, out _, out _);
            case 't':
                return TryWord(s, ref i, "true");
            case 'f':
                return TryWord(s, ref i, "false");
            case 'n':
                return TryWord(s, ref i, "null");
        }
        var start = i;
        if (s[i] == '-')
            i++;
        var digitsStart = i;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
            i++;
        var digits = i - digitsStart;
        if (digits == 0 || digits > MaxIntDigits || (s[digitsStart] == '0' && digits > 1))
            return false;
        if (s[digitsStart] == '0' && digitsStart > start)
            return false; // -0: Python's int makes it 0
        // A fraction or exponent makes a float (written back by repr): the full path decides.
        return i >= s.Length || s[i] is not ('.' or 'e' or 'E');
    }

    private static bool TryWord(ReadOnlySpan<char> s, ref int i, string word)
    {
        if (!s[i..].StartsWith(word, StringComparison.Ordinal))
            return false;
        i += word.Length;
        return true;
    }

    /// <summary>A string literal without escapes, control characters or surrogates: its text is its own <c>json.dumps</c>.</summary>
    private static bool TryPlainString(ReadOnlySpan<char> s, ref int i, out int start, out int length)
    {
        start = i;
        length = 0;
        if (!Expect(s, ref i, '"'))
            return false;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '"')
            {
                i++;
                length = i - start;
                return true;
            }
            if (c < ' ' || c == '\\' || char.IsSurrogate(c))
                return false;
            i++;
        }
        return false;
    }

    /// <summary><c>json.dumps</c> of the recorded members: <c>{"k": v, "k2": v2}</c>, each literal copied as written.</summary>
    private static string Dumps(ReadOnlySpan<char> s, ReadOnlySpan<int> members)
    {
        var count = members.Length / 4;
        if (count == 0)
            return "{}";
        var length = 2 + (count - 1) * 2;
        for (var m = 0; m < count; m++)
            length += members[m * 4 + 1] + 2 + members[m * 4 + 3];
        Span<char> text = length <= 512 ? stackalloc char[length] : new char[length];
        var at = 0;
        text[at++] = '{';
        for (var m = 0; m < count; m++)
        {
            if (m > 0)
            {
                text[at++] = ',';
                text[at++] = ' ';
            }
            s.Slice(members[m * 4], members[m * 4 + 1]).CopyTo(text[at..]);
            at += members[m * 4 + 1];
            text[at++] = ':';
            text[at++] = ' ';
            s.Slice(members[m * 4 + 2], members[m * 4 + 3]).CopyTo(text[at..]);
            at += members[m * 4 + 3];
        }
        text[at] = '}';
        return new string(text);
    }

    // json's WHITESPACE regex: [ \t\n\r]*.
    private static void SkipWhitespace(ReadOnlySpan<char> s, ref int i)
    {
        while (i < s.Length && s[i] is ' ' or '\t' or '\n' or '\r')
            i++;
    }

    private static bool Expect(ReadOnlySpan<char> s, ref int i, char c)
    {
        if (i >= s.Length || s[i] != c)
            return false;
        i++;
        return true;
    }
}
