using System.Text.Json;
using Microsoft.Extensions.AI;
using ToolRL.Tools;
using ToolRL.Trainer.Policies;
using RuntimeMessage = ToolRL.Conversations.ChatMessage;

namespace ToolRL.Trainer.Tests.Policies;


public class ChatClientPolicyTests
{
    /// <summary>An in-memory IChatClient: records what it was sent and answers from a script.</summary>
    private sealed class FakeChatClient(Func<IReadOnlyList<Microsoft.Extensions.AI.ChatMessage>, ChatOptions?, ChatResponse> answer) : IChatClient
    {
        public List<(List<Microsoft.Extensions.AI.ChatMessage> Messages, ChatOptions? Options)> Calls { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            var list = messages.ToList();
            lock (Calls)
                Calls.Add((list, options));
            return Task.FromResult(answer(list, options));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() { }
    }

    private static readonly ToolDefinition Capital = new("get_capital", "Returns the capital city of a country.",
        """{"type":"object","properties":{"country":{"type":"string"}},"required":["country"]}""");

    private static readonly RuntimeMessage[] Conversation =
    [
        RuntimeMessage.System("You are helpful."),
        RuntimeMessage.User("Capitals of France and Japan?"),
        RuntimeMessage.Assistant("Looking up.", [new ToolCall("get_capital", """{"country":"France"}"""), new ToolCall("get_capital", """{"country":"Japan"}""")]),
        RuntimeMessage.Tool("get_capital", "Paris"),
        RuntimeMessage.Tool("get_capital", "Tokyo"),
    ];

    [Fact]
    public async Task Conversation_tools_and_sampling_reach_the_client_and_calls_come_back_parsed()
    {
        var client = new FakeChatClient((_, _) => new ChatResponse(new Microsoft.Extensions.AI.ChatMessage(ChatRole.Assistant,
        [
            new TextContent("One more."),
            new FunctionCallContent("c9", "get_capital", new Dictionary<string, object?> { ["country"] = "Peru", ["n"] = 2 }),
        ])));
        var policy = new ChatClientPolicy(client, new ChatClientPolicyOptions { ModelId = "m1" });

        var turns = await policy.NextTurnsAsync([new PolicyRequest(Conversation, [Capital])],
            new PolicySampling { Temperature = 0.3, TopP = 0.9, MaxNewTokens = 77, Seed = 5 });

        var (sent, options) = Assert.Single(client.Calls);
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.Tool], sent.Select(m => m.Role));
        // Hermes calls had no ids: they get ids, and the tool results are paired with them in order.
        var callIds = sent[2].Contents.OfType<FunctionCallContent>().Select(c => c.CallId).ToArray();
        Assert.Equal(2, callIds.Distinct().Count());
        Assert.Equal(callIds, sent.Skip(3).Select(m => m.Contents.OfType<FunctionResultContent>().Single().CallId));
        Assert.Equal("Tokyo", sent[4].Contents.OfType<FunctionResultContent>().Single().Result);
        Assert.Equal("France", ((JsonElement)sent[2].Contents.OfType<FunctionCallContent>().First().Arguments!["country"]!).GetString());

        Assert.Equal(("m1", 0.3f, 0.9f, 77, 5L), (options!.ModelId, options.Temperature, options.TopP, options.MaxOutputTokens, options.Seed));
        var declaration = Assert.IsAssignableFrom<AIFunctionDeclaration>(Assert.Single(options.Tools!));
        Assert.Equal("get_capital", declaration.Name);
        Assert.Equal("string", declaration.JsonSchema.GetProperty("properties").GetProperty("country").GetProperty("type").GetString());

        var turn = Assert.Single(turns);
        Assert.Null(turn.Tokens);
        Assert.Equal("One more.", turn.Parsed.Content);
        var call = Assert.Single(turn.Parsed.ToolCalls);
        Assert.Equal(("get_capital", """{"country":"Peru","n":2}""", "c9"), (call.Name, call.ArgumentsJson, call.Id));
        // OpenAI's arguments are a string: a chat template must see a string (Qwen3 writes it verbatim).
        Assert.True(call.ArgumentsAreString);
        var message = turn.ToMessage();
        Assert.Equal("assistant", message.Role);
        Assert.Single(message.ToolCalls!);
    }

    [Fact]
    public async Task A_call_from_an_openai_response_keeps_the_servers_argument_text()
    {
        const string raw = """{ "country" : "Peru", "price": 19.90 }""";
        var toolCall = OpenAI.Chat.ChatToolCall.CreateFunctionToolCall("c1", "get_capital", BinaryData.FromString(raw));
        var client = new FakeChatClient((_, _) => new ChatResponse(new Microsoft.Extensions.AI.ChatMessage(ChatRole.Assistant,
        [
            new FunctionCallContent("c1", "get_capital", new Dictionary<string, object?> { ["country"] = "Peru", ["price"] = 19.9 }) { RawRepresentation = toolCall },
        ])));
        var turns = await new ChatClientPolicy(client).NextTurnsAsync([new PolicyRequest(Conversation, [Capital])], new PolicySampling());

        var call = Assert.Single(Assert.Single(turns).Parsed.ToolCalls);
        Assert.Equal((raw, true), (call.ArgumentsJson, call.ArgumentsAreString));
    }

    [Fact]
    public async Task A_text_answer_has_no_calls_and_results_keep_request_order()
    {
        var client = new FakeChatClient((messages, _) =>
            new ChatResponse(new Microsoft.Extensions.AI.ChatMessage(ChatRole.Assistant, "answer to " + messages[^1].Text)));
        var policy = new ChatClientPolicy(client, new ChatClientPolicyOptions { MaxConcurrency = 3 });
        var requests = Enumerable.Range(0, 8)
            .Select(i => new PolicyRequest([RuntimeMessage.User($"q{i}")], []))
            .ToArray();

        var turns = await policy.NextTurnsAsync(requests, PolicySampling.Greedy);

        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"answer to q{i}"), turns.Select(t => t.Parsed.Content));
        Assert.All(turns, t => Assert.False(t.Parsed.HasToolCalls));
        Assert.All(client.Calls, c => Assert.Null(c.Options!.Tools));
    }

    [Fact]
    public async Task Failures_are_retried_then_reported_with_the_request()
    {
        var failures = 1;
        var flaky = new FakeChatClient((_, _) =>
            Interlocked.Decrement(ref failures) >= 0
                ? throw new HttpRequestException("503")
                : new ChatResponse(new Microsoft.Extensions.AI.ChatMessage(ChatRole.Assistant, "ok")));
        var options = new ChatClientPolicyOptions { MaxRetries = 2, RetryDelay = TimeSpan.Zero };
        var turns = await new ChatClientPolicy(flaky, options).NextTurnsAsync([new PolicyRequest([RuntimeMessage.User("q")], [])], PolicySampling.Greedy);
        Assert.Equal("ok", turns[0].Text);

        var broken = new FakeChatClient((_, _) => throw new HttpRequestException("connection refused"));
        var e = await Assert.ThrowsAsync<EndpointException>(() =>
            new ChatClientPolicy(broken, options).NextTurnsAsync([new PolicyRequest([RuntimeMessage.User("q")], [])], PolicySampling.Greedy));
        Assert.Contains("request 0 after 3 attempt(s)", e.Message);
        Assert.Contains("connection refused", e.Message);
        Assert.Equal(3, broken.Calls.Count);
    }

    [Fact]
    public void Orphan_tool_results_and_bad_schemas_are_refused_with_a_reason()
    {
        Assert.Contains("no unanswered call", Assert.Throws<ArgumentException>(() =>
            ChatMessageMapping.ToChatClient([RuntimeMessage.User("q"), RuntimeMessage.Tool("t", "x")])).Message);
        Assert.Contains("'broken'", Assert.Throws<ArgumentException>(() =>
            ChatMessageMapping.ToChatClient([new ToolDefinition("broken", "d", "{not json")])).Message);
    }

    private const string HermesReply = "Let me look.\n<tool_call>\n{\"name\": \"get_capital\", \"arguments\": {\"country\": \"Peru\"}}\n</tool_call>";

    private static FakeChatClient Answering(params AIContent[] contents) =>
        new((_, _) => new ChatResponse(new Microsoft.Extensions.AI.ChatMessage(ChatRole.Assistant, contents.ToList())));

    [Fact]
    public async Task Hermes_tool_calls_in_content_are_parsed_when_the_reply_has_no_structured_calls()
    {
        var policy = new ChatClientPolicy(Answering(new TextContent(HermesReply)));

        var turn = Assert.Single(await policy.NextTurnsAsync([new PolicyRequest(Conversation, [Capital])], PolicySampling.Greedy));

        var call = Assert.Single(turn.Parsed.ToolCalls);
        Assert.Equal("get_capital", call.Name);
        Assert.Equal("Peru", JsonDocument.Parse(call.ArgumentsJson).RootElement.GetProperty("country").GetString());
        Assert.Equal("Let me look.", turn.Parsed.Content);
        Assert.Equal(new ToolCallForms(Structured: 0, HermesContent: 1, HermesIgnored: 0, None: 0), policy.CallForms);
        Assert.Contains("Hermes <tool_call> text in content (no structured tool_calls)", policy.CallForms.Describe());
    }

    [Fact]
    public async Task With_hermes_parsing_off_the_content_is_the_final_answer_and_the_form_is_reported()
    {
        var policy = new ChatClientPolicy(Answering(new TextContent(HermesReply)), new ChatClientPolicyOptions { ParseHermesContent = false });

        var turn = Assert.Single(await policy.NextTurnsAsync([new PolicyRequest(Conversation, [Capital])], PolicySampling.Greedy));

        Assert.False(turn.Parsed.HasToolCalls);
        Assert.Contains("<tool_call>", turn.Parsed.Content);
        Assert.Equal(1, policy.CallForms.HermesIgnored);
        Assert.Contains("1 Hermes text not parsed", policy.CallForms.Describe());
    }

    [Fact]
    public async Task Structured_calls_win_over_hermes_text_and_plain_answers_count_as_no_calls()
    {
        var structured = new ChatClientPolicy(Answering(
            new TextContent(HermesReply),
            new FunctionCallContent("c1", "get_capital", new Dictionary<string, object?> { ["country"] = "Chile" })));
        var turn = Assert.Single(await structured.NextTurnsAsync([new PolicyRequest(Conversation, [Capital])], PolicySampling.Greedy));
        Assert.Equal("Chile", JsonDocument.Parse(Assert.Single(turn.Parsed.ToolCalls).ArgumentsJson).RootElement.GetProperty("country").GetString());
        Assert.Equal(new ToolCallForms(1, 0, 0, 0), structured.CallForms);
        Assert.StartsWith("tool-call form: structured tool_calls;", structured.CallForms.Describe());

        var plain = new ChatClientPolicy(Answering(new TextContent("Lima.")));
        await plain.NextTurnsAsync([new PolicyRequest(Conversation, [Capital]), new PolicyRequest(Conversation, [Capital])], PolicySampling.Greedy);
        Assert.Equal(new ToolCallForms(0, 0, 0, 2), plain.CallForms);
    }
}
