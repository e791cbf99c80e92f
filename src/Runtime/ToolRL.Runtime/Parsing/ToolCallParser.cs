using System.Buffers;
using System.Text;
using System.Text.Json;
using ToolRL.Tools;

namespace ToolRL.Parsing;

/// <summary>
/// Splits assistant output into content, reasoning and tool calls. Never throws.
/// </summary>
/// <remarks>
/// Hermes/Qwen rules (<see cref="ParseHermes"/>), chosen to match the reference regex
/// <c>&lt;tool_call&gt;(.*?)&lt;/tool_call&gt;</c> followed by <c>json.loads</c>:
/// <list type="bullet">
/// <item>A leading <c>&lt;think&gt;…&lt;/think&gt;</c> becomes <see cref="ParsedTurn.Reasoning"/>. When the prompt
/// already opened the think block (Qwen3 thinking templates), a <c>&lt;/think&gt;</c> that precedes every
/// <c>&lt;tool_call&gt;</c> closes it. An unclosed leading <c>&lt;think&gt;</c> makes the whole rest reasoning
/// (the model ran out of tokens while thinking): the turn then has empty content.</item>
/// <item>Each <c>&lt;tool_call&gt;</c> is paired with the next <c>&lt;/tool_call&gt;</c>; a final block with no
/// closing tag is dropped (the generation was cut mid-call).</item>
/// <item>A block must hold a JSON object (depth ≤ <see cref="Json.DocumentOptions"/>' MaxDepth) whose
/// <c>"name"</c> is a string; otherwise it is dropped.</item>
/// <item><c>"arguments"</c>: an object is kept as its JSON text; missing or <c>null</c> becomes <c>{}</c>; a
/// JSON <em>string</em> that itself holds an object is unwrapped (OpenAI style); any other value (array,
/// number, a string not holding an object) is kept as its JSON text, so the call still counts and the
/// environment answers with invalid-arguments feedback, as the reference does.</item>
/// <item>Content is the text before the first block, trimmed; when no block survived, the whole text
/// outside the think block, trimmed.</item>
/// <item><see cref="ParsedTurn.HasToolCallMarkup"/> looks at the text outside the think block only:
/// reasoning that mentions the tags is not a malformed call.</item>
/// </list>
/// Work is linear in the text length; payloads of any size parse without quadratic scans.
/// </remarks>
public static class ToolCallParser
{
    /// <summary>Opens a Hermes tool-call block.</summary>
    public const string ToolCallOpen = "<tool_call>";
    /// <summary>Closes a Hermes tool-call block.</summary>
    public const string ToolCallClose = "</tool_call>";
    /// <summary>A tag the reference also treats as tool-call markup.</summary>
    public const string ParsedResponseTag = "<tool_parsed_response>";
    /// <summary>Opens a Qwen3 reasoning block.</summary>
    public const string ThinkOpen = "<think>";
    /// <summary>Closes a Qwen3 reasoning block.</summary>
    public const string ThinkClose = "</think>";

    private static readonly IReadOnlyList<ToolCall> NoCalls = [];

    /// <summary>Parses Qwen/Hermes assistant text (see the type's remarks for the exact rules).</summary>
    public static ParsedTurn ParseHermes(string? text)
    {
        text ??= string.Empty;
        var (reasoning, bodyStart) = SplitThink(text);
        var body = text.AsMemory(bodyStart);
        var span = body.Span;
        var hasMarkup = span.Contains(ToolCallOpen, StringComparison.Ordinal)
            || span.Contains(ToolCallClose, StringComparison.Ordinal)
            || span.Contains(ParsedResponseTag, StringComparison.Ordinal);

        var first = span.IndexOf(ToolCallOpen, StringComparison.Ordinal);
        if (first < 0)
            return new ParsedTurn(TrimToString(span), reasoning, NoCalls, hasMarkup);

        List<ToolCall>? calls = null; // allocated only when a block parses
        var open = first;
        while (open >= 0)
        {
            var inner = open + ToolCallOpen.Length;
            var closeRel = span[inner..].IndexOf(ToolCallClose, StringComparison.Ordinal);
            if (closeRel < 0)
                break; // unclosed final block: dropped
            if (TryParseBlock(span.Slice(inner, closeRel), out var call))
                (calls ??= new List<ToolCall>(1)).Add(call);
            var next = inner + closeRel + ToolCallClose.Length;
            var openRel = span[next..].IndexOf(ToolCallOpen, StringComparison.Ordinal);
            open = openRel < 0 ? -1 : next + openRel;
        }

        return calls is null
            ? new ParsedTurn(TrimToString(span), reasoning, NoCalls, hasMarkup)
            : new ParsedTurn(TrimToString(span[..first]), reasoning, calls, hasMarkup);
    }

    /// <summary>
    /// Wraps an OpenAI-style assistant message (content plus structured <c>tool_calls</c>). Empty argument
    /// strings become <c>{}</c>; everything else is kept as given (the environment validates it).
    /// </summary>
    /// <param name="content">The message content, possibly null.</param>
    /// <param name="calls">The structured calls, in order.</param>
    /// <param name="reasoning">Separate reasoning text (<c>reasoning_content</c>), if the server gave one.</param>
    public static ParsedTurn FromOpenAi(string? content, IReadOnlyList<ToolCall>? calls, string? reasoning = null)
    {
        var text = content ?? string.Empty;
        var span = text.AsSpan();
        var hasMarkup = span.Contains(ToolCallOpen, StringComparison.Ordinal)
            || span.Contains(ToolCallClose, StringComparison.Ordinal)
            || span.Contains(ParsedResponseTag, StringComparison.Ordinal);
        IReadOnlyList<ToolCall> normalized = NoCalls;
        if (calls is { Count: > 0 })
        {
            var list = new ToolCall[calls.Count];
            for (var i = 0; i < calls.Count; i++)
            {
                var c = calls[i];
                list[i] = string.IsNullOrWhiteSpace(c.ArgumentsJson) ? c with { ArgumentsJson = "{}" } : c;
            }
            normalized = list;
        }
        return new ParsedTurn(TrimToString(span), reasoning, normalized, hasMarkup);
    }

    /// <summary>Returns the reasoning text (or null) and where the rest of the text starts.</summary>
    private static (string? Reasoning, int BodyStart) SplitThink(string text)
    {
        var span = text.AsSpan();
        var lead = span.Length - span.TrimStart().Length;
        if (span[lead..].StartsWith(ThinkOpen, StringComparison.Ordinal))
        {
            var inner = lead + ThinkOpen.Length;
            var closeRel = span[inner..].IndexOf(ThinkClose, StringComparison.Ordinal);
            if (closeRel < 0)
                return (TrimToString(span[inner..]), text.Length);
            return (TrimToString(span.Slice(inner, closeRel)), inner + closeRel + ThinkClose.Length);
        }

        // The template may have opened the block already: a </think> before any tool call closes it.
        var close = span.IndexOf(ThinkClose, StringComparison.Ordinal);
        if (close < 0)
            return (null, 0);
        var call = span.IndexOf(ToolCallOpen, StringComparison.Ordinal);
        if (call >= 0 && call < close)
            return (null, 0);
        return (TrimToString(span[..close]), close + ThinkClose.Length);
    }

    // Strict: a lone surrogate makes the block invalid instead of silently becoming U+FFFD.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = Json.DocumentOptions.MaxDepth };
    private const int StackBytes = 512;

    /// <summary>
    /// Reads one block with a forward-only reader (no document is built): the top-level <c>"name"</c> and
    /// <c>"arguments"</c>; every other value is skipped but still validated, and trailing content fails.
    /// </summary>
    private static bool TryParseBlock(ReadOnlySpan<char> block, out ToolCall call)
    {
        call = null!;
        var text = block.Trim();
        if (text.IsEmpty || text[0] != '{')
            return false;
        byte[]? rented = null;
        var max = StrictUtf8.GetMaxByteCount(text.Length);
        var buffer = max <= StackBytes ? stackalloc byte[StackBytes] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var json = buffer[..StrictUtf8.GetBytes(text, buffer)];
            var reader = new Utf8JsonReader(json, ReaderOptions);
            reader.Read(); // the opening brace
            string? name = null;
            var arguments = "{}";
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isName = reader.ValueTextEquals("name"u8);
                var isArguments = !isName && reader.ValueTextEquals("arguments"u8);
                reader.Read();
                var valueStart = (int)reader.TokenStartIndex;
                if (isName)
                    name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                reader.Skip(); // containers: to their end (validating); scalars: no-op
                if (isArguments)
                    arguments = ArgumentsText(ref reader, json[valueStart..(int)reader.BytesConsumed]);
            }
            if (reader.Read())
                return false; // content after the object, e.g. two objects in one block
            if (name is null)
                return false;
            call = new ToolCall(name, arguments);
            return true;
        }
        catch (JsonException)
        {
            return false; // not JSON, or nested deeper than the bound
        }
        catch (ArgumentException)
        {
            return false; // text that cannot be transcoded (a lone surrogate)
        }
        finally
        {
            if (rented is not null)
                ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static string ArgumentsText(ref Utf8JsonReader reader, ReadOnlySpan<byte> raw)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return "{}";
            case JsonTokenType.String:
                var inner = reader.GetString()!;
                return HoldsObject(inner) ? inner.Trim() : Encoding.UTF8.GetString(raw);
            default:
                return Encoding.UTF8.GetString(raw);
        }
    }

    private static bool HoldsObject(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        if (trimmed.IsEmpty || trimmed[0] != '{')
            return false;
        try
        {
            using var doc = JsonDocument.Parse(text, Json.DocumentOptions);
            return doc.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string TrimToString(ReadOnlySpan<char> span)
    {
        var trimmed = span.Trim();
        return trimmed.IsEmpty ? string.Empty : trimmed.ToString();
    }
}
