using ToolRL.Parsing;
using ToolRL.Server.Hosting;

namespace ToolRL.Server.Chat;

/// <summary>
/// One answered request in OpenAI's shapes: a <c>chat.completion</c> object, or the <c>chat.completion.chunk</c>
/// events of a stream. The model's Hermes text is parsed with the Runtime's parser (as in process), so
/// <c>tool_calls</c> carry exactly the calls an episode would execute.
/// </summary>
internal sealed class ChatResponseJson
{
    private readonly string _id = "chatcmpl-" + Guid.NewGuid().ToString("N");
    private readonly long _created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private readonly string _model;
    private readonly ChatCompletionResult _result;
    private readonly ParsedTurn _turn;

    public ChatResponseJson(string model, ChatCompletionResult result)
    {
        _model = model;
        _result = result;
        _turn = ToolCallParser.ParseHermes(result.Text);
    }

    /// <summary>"tool_calls" when a call parsed, "length" at the token limit, else "stop".</summary>
    public string FinishReason => _turn.HasToolCalls ? "tool_calls" : _result.ReachedMaxTokens ? "length" : "stop";

    /// <summary>Content is null beside tool calls when the model wrote nothing before them (as OpenAI answers).</summary>
    private string? Content => _turn.HasToolCalls && _turn.Content.Length == 0 ? null : _turn.Content;

    public string Completion()
    {
        var json = Header("chat.completion").Name("choices").StartArray()
            .StartObject().Property("index", 0).Name("message").StartObject().Property("role", "assistant").Property("content", Content);
        if (_turn.HasToolCalls)
            ToolCalls(json, withIndex: false);
        json.EndObject().Property("finish_reason", FinishReason).Name("logprobs").Null().EndObject().EndArray();
        return Usage(json).EndObject().ToString();
    }

    /// <summary>The stream's events: the role, the content, the calls, the finish reason, then usage when asked, each one <c>data:</c> line.</summary>
    public IEnumerable<string> Chunks(bool includeUsage)
    {
        yield return Chunk(j => j.Property("role", "assistant").Property("content", ""), null, includeUsage);
        if (Content is { Length: > 0 } content)
            yield return Chunk(j => j.Property("content", content), null, includeUsage);
        if (_turn.HasToolCalls)
            yield return Chunk(j => ToolCalls(j, withIndex: true), null, includeUsage);
        yield return Chunk(_ => { }, FinishReason, includeUsage);
        if (includeUsage)
            yield return Usage(Header("chat.completion.chunk").Name("choices").StartArray().EndArray()).EndObject().ToString();
    }

    private string Chunk(Action<JsonText> delta, string? finishReason, bool includeUsage)
    {
        var json = Header("chat.completion.chunk").Name("choices").StartArray().StartObject().Property("index", 0).Name("delta").StartObject();
        delta(json);
        json.EndObject().Property("finish_reason", finishReason).Name("logprobs").Null().EndObject().EndArray();
        if (includeUsage)
            json.Name("usage").Null(); // OpenAI: null on every chunk but the last
        return json.EndObject().ToString();
    }

    private JsonText Header(string type) =>
        new JsonText().StartObject().Property("id", _id).Property("object", type).Property("created", _created).Property("model", _model);

    private void ToolCalls(JsonText json, bool withIndex)
    {
        json.Name("tool_calls").StartArray();
        for (var i = 0; i < _turn.ToolCalls.Count; i++)
        {
            var call = _turn.ToolCalls[i];
            json.StartObject();
            if (withIndex)
                json.Property("index", i);
            json.Property("id", $"call_{_id["chatcmpl-".Length..][..12]}_{i}").Property("type", "function")
                .Name("function").StartObject().Property("name", call.Name).Property("arguments", call.ArgumentsJson).EndObject()
                .EndObject();
        }
        json.EndArray();
    }

    private JsonText Usage(JsonText json) => json.Name("usage").StartObject()
        .Property("prompt_tokens", _result.PromptTokens)
        .Property("completion_tokens", _result.CompletionTokens)
        .Property("total_tokens", (long)_result.PromptTokens + _result.CompletionTokens)
        .EndObject();
}
