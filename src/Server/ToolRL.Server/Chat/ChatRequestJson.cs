using ToolRL.Conversations;
using ToolRL.PythonSemantics;
using ToolRL.Server.Hosting;
using ToolRL.Tools;

namespace ToolRL.Server.Chat;

/// <summary>A parsed <c>POST /v1/chat/completions</c> body.</summary>
internal sealed record ChatRequest(string? Model, ChatCompletionRequest Prompt, ChatCompletionSampling Sampling, bool Stream, bool IncludeUsage);

/// <summary>
/// Reads an OpenAI chat-completions body into the Runtime's messages and tools. Every field this server reads is
/// type-checked with an error naming it (400); fields it does not know are ignored, as OpenAI-compatible servers do;
/// features it cannot honour (n &gt; 1, stop sequences, a forced tool choice, logprobs) are refused, not ignored.
/// </summary>
internal static class ChatRequestJson
{
    private static readonly string[] Roles = [ChatRoles.System, "developer", ChatRoles.User, ChatRoles.Assistant, ChatRoles.Tool];

    public static ChatRequest Read(PyValue body, int defaultMaxTokens)
    {
        var model = RequestJson.OptionalString(body, "model");
        var messages = body.Get("messages") ?? throw ApiException.BadRequest("the request body needs \"messages\", an array of chat messages");
        if (messages.Kind != PyValueKind.List)
            throw ApiException.BadRequest($"\"messages\" must be an array, not {RequestJson.Describe(messages)}");
        if (messages.Items.Count == 0)
            throw ApiException.BadRequest("\"messages\" must hold at least one message");
        var conversation = messages.Items.Select((m, i) => ReadMessage(m, $"messages[{i}]")).ToArray();

        var tools = ReadTools(body.Get("tools"));
        switch (body.Get("tool_choice"))
        {
            case null or { Kind: PyValueKind.None }:
            case { Kind: PyValueKind.Str, Text: "auto" }:
                break;
            case { Kind: PyValueKind.Str, Text: "none" }:
                tools = []; // the model is not shown the tools, so it cannot call them
                break;
            default:
                throw ApiException.BadRequest("\"tool_choice\" must be \"auto\" or \"none\": this server cannot force a tool call");
        }
        if (RequestJson.OptionalInt(body, "n") is { } n && n != 1)
            throw ApiException.BadRequest($"\"n\" must be 1: this server returns one choice per request, not {n}");
        if (body.Get("stop") is { Kind: not PyValueKind.None })
            throw ApiException.BadRequest("\"stop\" is not supported: the model stops at its end token or max_tokens");
        if (OptionalBool(body, "logprobs") == true)
            throw ApiException.BadRequest("\"logprobs\" is not supported by this server");

        var temperature = RequestJson.OptionalNumber(body, "temperature") ?? 1.0;
        if (temperature is < 0 or > 2)
            throw ApiException.BadRequest($"\"temperature\" must be between 0 and 2, not {temperature}");
        var topP = RequestJson.OptionalNumber(body, "top_p") ?? 1.0;
        if (topP is <= 0 or > 1)
            throw ApiException.BadRequest($"\"top_p\" must be in (0, 1], not {topP}");
        var maxTokens = RequestJson.OptionalInt(body, "max_completion_tokens") ?? RequestJson.OptionalInt(body, "max_tokens") ?? defaultMaxTokens;
        if (maxTokens < 1)
            throw ApiException.BadRequest($"\"max_tokens\" (or \"max_completion_tokens\") must be at least 1, not {maxTokens}");
        long? seed = body.Get("seed") is { Kind: PyValueKind.Int } s && long.TryParse(s.Text, out var parsed) ? parsed
            : body.Get("seed") is null or { Kind: PyValueKind.None } ? null
            : throw ApiException.BadRequest($"\"seed\" must be an integer, not {RequestJson.Describe(body.Get("seed")!)}");

        var stream = OptionalBool(body, "stream") ?? false;
        var includeUsage = false;
        if (body.Get("stream_options") is { Kind: not PyValueKind.None } options)
        {
            if (options.Kind != PyValueKind.Dict)
                throw ApiException.BadRequest($"\"stream_options\" must be an object, not {RequestJson.Describe(options)}");
            includeUsage = OptionalBool(options, "include_usage", "stream_options") ?? false;
        }
        return new ChatRequest(model, new ChatCompletionRequest(conversation, tools),
            new ChatCompletionSampling(temperature, topP, maxTokens, seed), stream, includeUsage);
    }

    private static ChatMessage ReadMessage(PyValue message, string where)
    {
        if (message.Kind != PyValueKind.Dict)
            throw ApiException.BadRequest($"{where} must be an object, not {RequestJson.Describe(message)}");
        var role = RequestJson.RequiredString(message, "role", where);
        if (!Roles.Contains(role))
            throw ApiException.BadRequest($"\"role\" in {where} must be one of {string.Join(", ", Roles)}, not '{role}'");
        var content = ReadContent(message.Get("content"), where);
        switch (role)
        {
            case ChatRoles.Assistant:
                var calls = message.Get("tool_calls") is { Kind: not PyValueKind.None } list
                    ? list.Kind == PyValueKind.List
                        ? list.Items.Select((c, i) => ReadCall(c, $"tool_calls[{i}] in {where}")).ToArray()
                        : throw ApiException.BadRequest($"\"tool_calls\" in {where} must be an array, not {RequestJson.Describe(list)}")
                    : null;
                var reasoning = RequestJson.OptionalString(message, "reasoning_content", where);
                return ChatMessage.Assistant(content, calls is { Length: > 0 } ? calls : null, reasoning);
            case ChatRoles.Tool:
                return new ChatMessage(ChatRoles.Tool, content ?? "", ToolCallId: RequestJson.OptionalString(message, "tool_call_id", where),
                    Name: RequestJson.OptionalString(message, "name", where));
            case ChatRoles.User:
                return ChatMessage.User(content ?? throw ApiException.BadRequest($"{where} (a user message) needs \"content\""));
            default: // system, or OpenAI's newer name for it
                return ChatMessage.System(content ?? throw ApiException.BadRequest($"{where} (a {role} message) needs \"content\""));
        }
    }

    /// <summary>A string, null, or an array of text parts (joined); other part types are refused.</summary>
    private static string? ReadContent(PyValue? content, string where)
    {
        switch (content)
        {
            case null or { Kind: PyValueKind.None }:
                return null;
            case { Kind: PyValueKind.Str }:
                return content.Text;
            case { Kind: PyValueKind.List }:
                var text = new System.Text.StringBuilder();
                for (var i = 0; i < content.Items.Count; i++)
                {
                    var part = content.Items[i];
                    var at = $"content[{i}] in {where}";
                    if (part.Kind != PyValueKind.Dict || part.Get("type") is not { Kind: PyValueKind.Str, Text: "text" })
                        throw ApiException.BadRequest($"{at} must be a text part ({{\"type\": \"text\", \"text\": ...}}): this model reads text only");
                    text.Append(RequestJson.RequiredString(part, "text", at));
                }
                return text.ToString();
            default:
                throw ApiException.BadRequest($"\"content\" in {where} must be a string, an array of text parts or null, not {RequestJson.Describe(content)}");
        }
    }

    private static ToolCall ReadCall(PyValue call, string where)
    {
        if (call.Kind != PyValueKind.Dict)
            throw ApiException.BadRequest($"{where} must be an object, not {RequestJson.Describe(call)}");
        var function = call.Get("function") is { Kind: PyValueKind.Dict } f ? f : throw ApiException.BadRequest($"{where} needs a \"function\" object");
        var name = RequestJson.RequiredString(function, "name", $"the function of {where}");
        var id = RequestJson.OptionalString(call, "id", where);
        var arguments = function.Get("arguments");
        return arguments switch
        {
            null or { Kind: PyValueKind.None } => new ToolCall(name, "{}", id),
            // OpenAI's arguments are a JSON string; an object in it is handed to the chat template as an object, as
            // in process (a Hermes call's arguments), so a conversation renders the same whichever way it arrives.
            { Kind: PyValueKind.Str } => new ToolCall(name, arguments.Text, id)
            {
                ArgumentsAreString = !(PyJson.TryLoads(arguments.Text, out var parsed) && parsed.Kind == PyValueKind.Dict),
            },
            { Kind: PyValueKind.Dict } => new ToolCall(name, PyJson.Dumps(arguments), id),
            _ => throw ApiException.BadRequest($"\"arguments\" of {where} must be a JSON string, not {RequestJson.Describe(arguments)}"),
        };
    }

    private static IReadOnlyList<ToolDefinition> ReadTools(PyValue? tools)
    {
        if (tools is null || tools.Kind == PyValueKind.None)
            return [];
        if (tools.Kind != PyValueKind.List)
            throw ApiException.BadRequest($"\"tools\" must be an array, not {RequestJson.Describe(tools)}");
        var result = new ToolDefinition[tools.Items.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var where = $"tools[{i}]";
            var tool = tools.Items[i];
            if (tool.Kind != PyValueKind.Dict)
                throw ApiException.BadRequest($"{where} must be an object, not {RequestJson.Describe(tool)}");
            if (RequestJson.OptionalString(tool, "type", where) is { } type && type != "function")
                throw ApiException.BadRequest($"\"type\" of {where} must be \"function\", not '{type}'");
            var function = tool.Get("function") is { Kind: PyValueKind.Dict } f ? f : throw ApiException.BadRequest($"{where} needs a \"function\" object");
            var at = $"the function of {where}";
            var parameters = function.Get("parameters");
            var schema = parameters switch
            {
                null or { Kind: PyValueKind.None } => "{\"type\":\"object\",\"properties\":{}}",
                { Kind: PyValueKind.Dict } => PyJson.Dumps(parameters),
                _ => throw ApiException.BadRequest($"\"parameters\" of {at} must be a JSON schema object, not {RequestJson.Describe(parameters)}"),
            };
            result[i] = new ToolDefinition(RequestJson.RequiredString(function, "name", at), RequestJson.OptionalString(function, "description", at) ?? "", schema);
        }
        return result;
    }

    private static bool? OptionalBool(PyValue obj, string field, string where = "the request body") => obj.Get(field) switch
    {
        null or { Kind: PyValueKind.None } => null,
        { Kind: PyValueKind.Bool } b => b.Bool,
        var other => throw ApiException.BadRequest($"\"{field}\" in {where} must be a boolean, not {RequestJson.Describe(other)}"),
    };
}
