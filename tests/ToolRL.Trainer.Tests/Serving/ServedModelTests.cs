using ToolRL.Cli;
using ToolRL.Conversations;
using ToolRL.Episodes;
using ToolRL.Server;
using ToolRL.Server.Chat;
using ToolRL.Tools;
using ToolRL.Trainer.Evaluation;
using ToolRL.Trainer.Policies;
using ToolRL.Trainer.Serving;
using ToolRL.Trainer.Tests.Cli;
using ToolRL.Trainer.Rollouts;

namespace ToolRL.Trainer.Tests.Serving;

/// <summary>
/// <c>serve --model DIR</c> on the tiny Qwen3 checkpoint: <c>eval --endpoint</c> against it writes the turns the
/// in-process greedy eval writes, a served conversation renders to the very prompt in process would, and the
/// official openai npm client reads its completions.
/// </summary>
public sealed class ServedModelTests
{
    private static readonly PolicySampling Greedy = PolicySampling.Greedy with { MaxNewTokens = 6, Seed = 0 };

    [Fact]
    public async Task Eval_through_the_endpoint_writes_the_turns_of_the_in_process_greedy_eval()
    {
        using var dir = new TempDirectory();
        CliHarness.WriteTinyCheckpoint(dir["tiny"]);
        var environment = new CapitalsEnvironment();
        var tasks = EpisodeTask.All([environment]);
        var options = new EpisodeOptions { MaxTurns = 2 };
        var inProcess = await Evaluator.RunAsync(TorchPolicy.Load(dir["tiny"]), Greedy, tasks, options);

        await using var served = await ServedCheckpoint.StartAsync([environment], "--model", dir["tiny"]);
        Assert.Contains("chat model    POST /v1/chat/completions, GET /v1/models: 'tiny'", served.Banner);
        var endpoint = new Uri(served.Address, "/v1");
        var remote = await Evaluator.RunAsync(ChatClientPolicy.ForOpenAiEndpoint(endpoint, "tiny"), Greedy, tasks, options);

        Assert.Equal(tasks.Count, remote.Count);
        for (var t = 0; t < tasks.Count; t++)
        {
            Assert.Equal(inProcess[t].Steps.Count, remote[t].Steps.Count);
            for (var s = 0; s < inProcess[t].Steps.Count; s++)
            {
                Assert.Equal(inProcess[t].Steps[s].Taken.Parsed.Content, remote[t].Steps[s].Taken.Parsed.Content);
                Assert.Equal(inProcess[t].Steps[s].Taken.Parsed.ToolCalls.Select(c => (c.Name, c.ArgumentsJson)),
                    remote[t].Steps[s].Taken.Parsed.ToolCalls.Select(c => (c.Name, c.ArgumentsJson)));
            }
            Assert.Equal(inProcess[t].Metrics, remote[t].Metrics);
        }
        Assert.Contains(inProcess, trace => trace.Steps.Any(s => s.Taken.Parsed.Content.Length > 0)); // the model wrote something to compare

        // The command line's eval --endpoint runs against it too, and reports what the in-process eval reports.
        var viaCli = await CliHarness.RunAsync([environment], "eval", "--endpoint", endpoint.ToString(), "--model", "tiny", "--max-turns", "2", "--max-new-tokens", "6");
        var local = await CliHarness.RunAsync([environment], "eval", "--model", dir["tiny"], "--max-turns", "2", "--max-new-tokens", "6");
        Assert.True(viaCli.Code == 0, viaCli.Err);
        Assert.True(local.Code == 0, local.Err);
        Assert.Contains(local.Out.Trim(), viaCli.Out);
    }

    [Fact]
    public async Task A_conversation_with_calls_sent_through_the_endpoint_renders_to_the_in_process_prompt()
    {
        using var dir = new TempDirectory();
        CliHarness.WriteTinyCheckpoint(dir["tiny"]);
        var policy = TorchPolicy.Load(dir["tiny"]);
        var recording = new RecordingModel(new TorchChatModel(policy), policy);
        await using var server = await EnvironmentServer.StartAsync([new CapitalsEnvironment()],
            new ServerOptions { Urls = "http://127.0.0.1:0", Workers = 0, ChatModel = recording }, logToConsole: false);
        var client = ChatClientPolicy.ForOpenAiEndpoint(new Uri(new Uri(server.Addresses[0]), "/v1"), "tiny");

        // As an episode writes it after a Hermes call: the parsed call without an id, the tool result by name.
        var tool = new CapitalsEnvironment().Tools[0];
        var conversation = new PolicyRequest(
        [
            ChatMessage.User("What are the capitals of Japan and Peru?"),
            ChatMessage.Assistant("Looking.", [new ToolCall("get_capital", "{\"country\": \"Japan\"}"), new ToolCall("get_capital", "{\"country\": \"Peru\"}")]),
            ChatMessage.Tool("get_capital", "Tokyo"),
            ChatMessage.Tool("get_capital", "Lima"),
        ], [tool]);
        var remote = await client.NextTurnsAsync([conversation], Greedy);
        var local = await policy.NextTurnsAsync([conversation], Greedy);

        var served = Assert.Single(recording.Prompts);
        Assert.Equal(policy.Tokenizer.Decode(policy.EncodePrompt(conversation)), policy.Tokenizer.Decode(served)); // readable when it fails
        Assert.Equal(policy.EncodePrompt(conversation), served);
        Assert.Equal(local[0].Parsed.Content, remote[0].Parsed.Content);
    }

    [Fact]
    public async Task The_openai_npm_client_reads_the_served_checkpoint_plain_and_streamed()
    {
        if (NodeClients.SkipReason("the openai client test against serve --model") is { } skip)
        {
            Console.WriteLine(skip);
            return;
        }
        using var dir = new TempDirectory();
        CliHarness.WriteTinyCheckpoint(dir["tiny"]);
        await using var served = await ServedCheckpoint.StartAsync([new CapitalsEnvironment()], "--model", dir["tiny"], "--max-batch", "4");
        var result = await NodeClients.RunAsync("openai-chat.mjs", new Dictionary<string, string>
        {
            ["TOOLRL_BASE_URL"] = new Uri(served.Address, "/v1").ToString(),
            ["TOOLRL_MODEL"] = "tiny",
            ["TOOLRL_MAX_TOKENS"] = "5",
        });
        var completion = result.GetProperty("completion");
        var choice = completion.GetProperty("choices")[0];
        var message = choice.GetProperty("message");
        Assert.Equal("assistant", message.GetProperty("role").GetString());
        var content = message.GetProperty("content").GetString();
        // A random tiny model writes no tool call: it stops at an end token or at max_tokens.
        Assert.Contains(choice.GetProperty("finish_reason").GetString(), new[] { "stop", "length" });
        Assert.False(message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == System.Text.Json.JsonValueKind.Array && calls.GetArrayLength() > 0);
        Assert.InRange(completion.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), 1, 5);
        // Greedy with the same seed: the stream, rebuilt by the client's own accumulator, says the same.
        Assert.Equal(content, result.GetProperty("accumulated").GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString());
        Assert.Equal(["tiny"], result.GetProperty("models").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(400, result.GetProperty("refused").GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Serve_model_refuses_a_folder_that_is_not_a_checkpoint_and_says_when_the_trainer_is_missing()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir["empty"]);
        var missing = await CliHarness.RunAsync([new CapitalsEnvironment()], "serve", "--workers", "0", "--model", dir["nope"]);
        Assert.Equal(ExitCodes.BadArguments, missing.Code);
        Assert.Contains("is not a folder", missing.Err);
        var empty = await CliHarness.RunAsync([new CapitalsEnvironment()], "serve", "--workers", "0", "--model", dir["empty"], "--max-batch", "2");
        Assert.Equal(ExitCodes.BadArguments, empty.Code);
        Assert.Contains("has no config.json", empty.Err);
        var badBatch = await CliHarness.RunAsync([new CapitalsEnvironment()], "serve", "--workers", "0", "--model", dir["empty"], "--max-batch", "0");
        Assert.Equal(ExitCodes.BadArguments, badBatch.Code);
        Assert.Contains("--max-batch", badBatch.Err);

        // A project without the trainer has no --model on serve, and says why.
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ToolRL.Cli.ToolRLApp.RunAsync(["serve", "--model", dir["empty"]], [new CapitalsEnvironment()], output, error, modules: []);
        Assert.Equal(ExitCodes.BadArguments, code);
        Assert.Contains("'serve --model' serves a checkpoint, which needs the trainer", error.ToString());
    }

    [Fact]
    public async Task The_checkpoint_model_refuses_an_over_long_prompt_runs_the_rest_and_reports_the_token_limit()
    {
        using var dir = new TempDirectory();
        CliHarness.WriteTinyCheckpoint(dir["tiny"]);
        var loaded = TorchPolicy.Load(dir["tiny"]);
        ChatCompletionRequest Ask(string question) => new([ChatMessage.User(question)], []);
        var shortest = loaded.EncodePrompt(new PolicyRequest(Ask("Hi").Messages, []));
        using var model = new TorchChatModel(new TorchPolicy(loaded.Model, loaded.Tokenizer, loaded.Template) { MaxPromptTokens = shortest.Length });

        var results = await model.CompleteAsync([Ask("What is the capital of France, please?"), Ask("Hi")], new ChatCompletionSampling(0, 1, 3, 0), CancellationToken.None);

        Assert.Contains($"this model runs prompts of at most {shortest.Length}", results[0].Error);
        Assert.Null(results[1].Error);
        Assert.Equal(shortest.Length, results[1].PromptTokens);
        Assert.InRange(results[1].CompletionTokens, 1, 3);
        // The seeded tiny model's greedy turn writes no end token in 3 tokens: it stops at the limit ("length").
        Assert.Equal(3, results[1].CompletionTokens);
        Assert.True(results[1].ReachedMaxTokens);
    }

    /// <summary>Records the prompt each request renders to, then lets the real model answer.</summary>
    private sealed class RecordingModel(TorchChatModel inner, TorchPolicy policy) : IChatCompletionModel
    {
        public List<int[]> Prompts { get; } = [];

        public string Id => inner.Id;

        public int MaxBatchSize => inner.MaxBatchSize;

        public Task<IReadOnlyList<ChatCompletionResult>> CompleteAsync(IReadOnlyList<ChatCompletionRequest> requests, ChatCompletionSampling sampling, CancellationToken cancellationToken)
        {
            lock (Prompts)
                Prompts.AddRange(requests.Select(r => policy.EncodePrompt(new PolicyRequest(r.Messages, r.Tools))));
            return inner.CompleteAsync(requests, sampling, cancellationToken);
        }
    }
}
