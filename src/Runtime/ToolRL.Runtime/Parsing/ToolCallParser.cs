using ToolRL.PythonSemantics;
using ToolRL.Tools;

namespace ToolRL.Parsing;

/// <summary>
/// Splits assistant output into content and tool calls exactly as the reference does. Never throws.
/// </summary>
/// <remarks>
/// <see cref="ParseHermes"/> is FTRL's <c>parse_qwen</c> (<c>Code/utils/parse_output.py</c>), preceded by the
/// reward's own clean-up (<c>Code/verl/utils/reward_score/tool.py</c>:
/// <c>response.strip().removesuffix('&lt;|endoftext|&gt;').strip().removesuffix('&lt;|im_end|&gt;').strip()</c>):
/// <list type="number">
/// <item>No <c>&lt;tool_call&gt;</c> anywhere: no calls, content is the whole stripped text.</item>
/// <item>Otherwise the text from the first <c>&lt;tool_call&gt;</c> on is split on <c>&lt;/tool_call&gt;</c>. A piece is
/// a call only when, stripped, it starts with <c>&lt;tool_call&gt;</c>: so a final block without its closing tag
/// still parses, while text between two blocks makes the next block a piece that does not start with the tag,
/// and that block is dropped.</item>
/// <item>The tag is removed with <c>lstrip('&lt;tool_call&gt;')</c>, which strips a <em>set of characters</em>: a
/// doubled opening tag goes with it, and so do letters of that set that begin the text after it.</item>
/// <item>The rest must be a whole <c>json.loads</c> document (<see cref="PyJson"/>): a dict with a truthy
/// <c>"name"</c> (an empty name drops the block; a non-string name is kept) and an <c>"arguments"</c> key. Arguments
/// that are a dict are kept; a string is parsed again as JSON (any value then goes); anything else, a missing
/// key, or a string that is not JSON drops the block. The arguments become their <c>json.dumps</c> text.</item>
/// <item>When no call survived, content is the whole stripped text; otherwise the stripped text before the first
/// <c>&lt;tool_call&gt;</c>.</item>
/// </list>
/// A think block is ordinary text to the reference; <see cref="HermesParserOptions.SeparateThinking"/> changes that.
/// Where the reference would crash (a name that is a list or dict is unhashable in its unsolved-set lookup), the
/// call is kept under its JSON text as name, so it fails as an unknown tool. Work is linear in the text length.
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
    /// <summary>End-of-text token the reference's reward strips from the end of a response.</summary>
    public const string EndOfText = "<|endoftext|>";
    /// <summary>End-of-turn token the reference's reward strips from the end of a response.</summary>
    public const string EndOfTurn = "<|im_end|>";

    private static readonly IReadOnlyList<ToolCall> NoCalls = [];

    private const int MaxScratchCalls = 256;

    [ThreadStatic]
    private static List<ToolCall>? t_scratch;

    /// <summary>Parses Qwen/Hermes assistant text (see the type's remarks for the exact rules).</summary>
    public static ParsedTurn ParseHermes(string? text, HermesParserOptions? options = null)
    {
        options ??= HermesParserOptions.Reference;
        var inputs = RewardCleanUp((text ?? string.Empty).AsSpan());
        string? reasoning = null;
        if (options.SeparateThinking)
            inputs = SplitThink(inputs, out reasoning);

        var start = inputs.IndexOf(ToolCallOpen, StringComparison.Ordinal);
        if (start < 0)
            return Turn(PyText.Strip(inputs), reasoning, NoCalls);

        // The common single call ends up in a one-element array; from a second call on, calls gather in this
        // thread's scratch list and the turn keeps an exact array of them.
        ToolCall? single = null;
        List<ToolCall>? several = null;
        var rest = inputs[start..];
        while (true)
        {
            var close = rest.IndexOf(ToolCallClose, StringComparison.Ordinal);
            var piece = PyText.Strip(close < 0 ? rest : rest[..close]);
            if (piece.StartsWith(ToolCallOpen, StringComparison.Ordinal)
                && TryParseCall(PyText.Strip(PyText.LStripChars(piece, ToolCallOpen)), out var call))
            {
                if (single is null)
                    single = call;
                else
                {
                    if (several is null)
                    {
                        several = t_scratch ?? [];
                        t_scratch = null; // a nested parse on this thread (none today) would get its own
                        several.Add(single);
                    }
                    several.Add(call);
                }
            }
            if (close < 0 || options.OneToolOnly)
                break;
            rest = rest[(close + ToolCallClose.Length)..];
        }

        if (single is null)
            return Turn(PyText.Strip(inputs), reasoning, NoCalls);
        IReadOnlyList<ToolCall> calls = several is null ? [single] : several.ToArray();
        if (several is not null && several.Count <= MaxScratchCalls)
        {
            several.Clear();
            t_scratch = several;
        }
        return Turn(PyText.Strip(inputs[..start]), reasoning, calls);
    }

    /// <summary>
    /// Wraps an OpenAI-style assistant message (content plus structured <c>tool_calls</c>), as the reference's
    /// <c>chat_close</c> takes one: empty, missing or <c>null</c> arguments become <c>{}</c>, a missing name becomes
    /// empty (the call then fails as an unknown tool); everything else is kept as given.
    /// </summary>
    /// <param name="content">The message content, possibly null.</param>
    /// <param name="calls">The structured calls, in order.</param>
    /// <param name="reasoning">Separate reasoning text (<c>reasoning_content</c>), if the server gave one.</param>
    public static ParsedTurn FromOpenAi(string? content, IReadOnlyList<ToolCall>? calls, string? reasoning = null)
    {
        IReadOnlyList<ToolCall> normalized = NoCalls;
        if (calls is { Count: > 0 })
        {
            var list = new ToolCall[calls.Count];
            for (var i = 0; i < calls.Count; i++)
            {
                var c = calls[i];
                var arguments = c.ArgumentsJson;
                if (string.IsNullOrWhiteSpace(arguments) || PyText.Strip(arguments.AsSpan()) is "null")
                    c = c with { ArgumentsJson = "{}" };
                if (c.Name is null)
                    c = c with { Name = string.Empty };
                list[i] = c;
            }
            normalized = list;
        }
        return Turn(PyText.Strip((content ?? string.Empty).AsSpan()), reasoning, normalized);
    }

    /// <summary>The reward's clean-up before <c>parse_qwen</c>: strip, drop one trailing end-of-text, strip, drop one trailing end-of-turn, strip.</summary>
    public static ReadOnlySpan<char> RewardCleanUp(ReadOnlySpan<char> response)
    {
        var s = PyText.Strip(response);
        s = PyText.Strip(PyText.RemoveSuffix(s, EndOfText));
        return PyText.Strip(PyText.RemoveSuffix(s, EndOfTurn));
    }

    private static ParsedTurn Turn(ReadOnlySpan<char> content, string? reasoning, IReadOnlyList<ToolCall> calls)
    {
        var hasMarkup = content.Contains(ToolCallOpen, StringComparison.Ordinal)
            || content.Contains(ToolCallClose, StringComparison.Ordinal)
            || content.Contains(ParsedResponseTag, StringComparison.Ordinal);
        return new ParsedTurn(content.IsEmpty ? string.Empty : content.ToString(), reasoning, calls, hasMarkup);
    }

    /// <summary>One block's JSON, decided as <c>parse_qwen</c>'s <c>try</c> body decides it.</summary>
    private static bool TryParseCall(ReadOnlySpan<char> json, out ToolCall call)
    {
        if (PlainCallReader.TryRead(json, out var plainName, out var plainArguments))
        {
            call = new ToolCall(plainName, plainArguments);
            return true;
        }
        return TryParseCallFully(json, out call);
    }

    /// <summary>The full path of <see cref="TryParseCall"/>: the block through <see cref="PyJson"/>'s parse tree.</summary>
    internal static bool TryParseCallFully(ReadOnlySpan<char> json, out ToolCall call)
    {
        call = null!;
        if (!PyJson.TryLoads(json, out var value) || value.Kind != PyValueKind.Dict)
            return false; // not JSON, or .get on a non-dict (AttributeError)
        var name = value.Get("name");
        if (name is null || !name.IsTruthy)
            return false; // if tool_call.get("name", None)
        var arguments = value.Get("arguments");
        if (arguments is null)
            return false; // tool_call['arguments']: KeyError
        if (arguments.Kind != PyValueKind.Dict)
        {
            // json.loads(arguments): a TypeError for anything but a str, a JSONDecodeError for a str that is not JSON.
            if (arguments.Kind != PyValueKind.Str || !PyJson.TryLoads(arguments.Text, out arguments))
                return false;
        }
        call = new ToolCall(name.Kind == PyValueKind.Str ? name.Text : name.ToString(), PyJson.Dumps(arguments));
        return true;
    }

    /// <summary>Under <see cref="HermesParserOptions.SeparateThinking"/>: the text after the reasoning, and the reasoning (or null).</summary>
    private static ReadOnlySpan<char> SplitThink(ReadOnlySpan<char> span, out string? reasoning)
    {
        reasoning = null;
        if (span.StartsWith(ThinkOpen, StringComparison.Ordinal))
        {
            var inner = span[ThinkOpen.Length..];
            var closeAt = inner.IndexOf(ThinkClose, StringComparison.Ordinal);
            if (closeAt < 0)
            {
                reasoning = PyText.Strip(inner).ToString(); // ran out of tokens while thinking
                return ReadOnlySpan<char>.Empty;
            }
            reasoning = PyText.Strip(inner[..closeAt]).ToString();
            return PyText.Strip(inner[(closeAt + ThinkClose.Length)..]);
        }

        // The template may have opened the block already: a </think> before any tool call closes it.
        var close = span.IndexOf(ThinkClose, StringComparison.Ordinal);
        if (close < 0)
            return span;
        var call = span.IndexOf(ToolCallOpen, StringComparison.Ordinal);
        if (call >= 0 && call < close)
            return span;
        reasoning = PyText.Strip(span[..close]).ToString();
        return PyText.Strip(span[(close + ThinkClose.Length)..]);
    }
}
