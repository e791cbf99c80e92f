using ToolRL.Server.Chat;
using ToolRL.Trainer.Policies;

namespace ToolRL.Trainer.Serving;

/// <summary>
/// A local checkpoint behind the server's OpenAI chat endpoint (<c>serve --model DIR</c>): each batch the server
/// collects is rendered with the checkpoint's chat template and generated in one <see cref="TorchPolicy.Generate"/>
/// call, exactly as <c>eval --model</c> generates, so a served greedy eval writes the same turns as an in-process one.
/// A request whose conversation the template refuses, or whose prompt is over the policy's limit, is answered as an
/// error without running; the others in its batch still run.
/// </summary>
internal sealed class TorchChatModel(TorchPolicy policy) : IChatCompletionModel, IDisposable
{
    public string Id => policy.Name;

    public int MaxBatchSize => policy.MaxBatchSize;

    public Task<IReadOnlyList<ChatCompletionResult>> CompleteAsync(
        IReadOnlyList<ChatCompletionRequest> requests, ChatCompletionSampling sampling, CancellationToken cancellationToken) =>
        // Generation is CPU/GPU-bound and synchronous; keep it off the request threads.
        Task.Run(() => Complete(requests, sampling, cancellationToken), cancellationToken);

    private IReadOnlyList<ChatCompletionResult> Complete(IReadOnlyList<ChatCompletionRequest> requests, ChatCompletionSampling sampling, CancellationToken cancellationToken)
    {
        var results = new ChatCompletionResult[requests.Count];
        var runnable = new List<(int Index, int[] Prompt)>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            int[] prompt;
            try
            {
                prompt = policy.EncodePrompt(new PolicyRequest(requests[i].Messages, requests[i].Tools));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
            {
                results[i] = Refused($"the model's chat template cannot render this conversation: {e.Message}");
                continue;
            }
            if (prompt.Length > policy.MaxPromptTokens)
                results[i] = Refused($"the prompt has {prompt.Length} tokens; this model runs prompts of at most {policy.MaxPromptTokens}");
            else
                runnable.Add((i, prompt));
        }
        var turns = policy.Generate(runnable.Select(r => r.Prompt).ToArray(), new PolicySampling
        {
            Temperature = sampling.Temperature,
            TopP = sampling.TopP,
            MaxNewTokens = sampling.MaxTokens,
            Seed = Seed32(sampling.Seed),
        }, cancellationToken);
        var end = policy.Model.EndTokenIds.ToHashSet();
        for (var k = 0; k < runnable.Count; k++)
        {
            var response = turns[k].Tokens!.ResponseIds;
            var stopped = response.Length > 0 && end.Contains(response[^1]);
            results[runnable[k].Index] = new ChatCompletionResult(turns[k].Text, runnable[k].Prompt.Length, response.Length,
                ReachedMaxTokens: !stopped && response.Length >= sampling.MaxTokens);
        }
        return results;
    }

    private static ChatCompletionResult Refused(string message) => new("", 0, 0, false, message);

    public void Dispose() => policy.Model.Dispose();

    /// <summary>The request's seed as the Trainer's 32-bit seed: OpenAI's are 64-bit; one in range is taken as is,
    /// a larger one folded to 32 bits (still deterministic).</summary>
    private static int? Seed32(long? seed) => seed is not { } s ? null
        : s is >= int.MinValue and <= int.MaxValue ? (int)s : unchecked((int)s ^ (int)(s >> 32));
}
