using ToolRL.Server.Chat;

namespace ToolRL.Server.Tests.Support;

/// <summary>A chat model that answers every request from a script and records each call it gets.</summary>
public sealed class ScriptedChatModel(Func<ChatCompletionRequest, string> answer, int maxBatchSize = 16) : IChatCompletionModel
{
    /// <summary>A Hermes turn calling get_capital for France, as a Qwen model writes it.</summary>
    public const string CapitalCall = "Let me look that up.\n<tool_call>\n{\"name\": \"get_capital\", \"arguments\": {\"country\": \"France\"}}\n</tool_call>";

    public List<(ChatCompletionRequest[] Requests, ChatCompletionSampling Sampling)> Calls { get; } = [];

    public string Id => "scripted";

    public int MaxBatchSize => maxBatchSize;

    public Task<IReadOnlyList<ChatCompletionResult>> CompleteAsync(
        IReadOnlyList<ChatCompletionRequest> requests, ChatCompletionSampling sampling, CancellationToken cancellationToken)
    {
        lock (Calls)
            Calls.Add((requests.ToArray(), sampling));
        IReadOnlyList<ChatCompletionResult> results = requests.Select(r =>
        {
            var text = answer(r);
            return text.StartsWith("error:", StringComparison.Ordinal)
                ? new ChatCompletionResult("", 0, 0, false, text["error:".Length..].Trim())
                : new ChatCompletionResult(text, r.Messages.Sum(m => (m.Content ?? "").Length), text.Length, text.EndsWith("…", StringComparison.Ordinal));
        }).ToArray();
        return Task.FromResult(results);
    }
}
