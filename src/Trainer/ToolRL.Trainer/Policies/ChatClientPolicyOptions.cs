namespace ToolRL.Trainer.Policies;

/// <summary>Settings of a <see cref="ChatClientPolicy"/>.</summary>
public sealed record ChatClientPolicyOptions
{
    /// <summary>The model id sent with each request (null: the client's default).</summary>
    public string? ModelId { get; init; }

    /// <summary>Requests in flight at once.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Retries after a failed request (network error, server error) before giving up.</summary>
    public int MaxRetries { get; init; } = 2;

    /// <summary>Delay before the first retry; doubled each time.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// When a reply has no structured <c>tool_calls</c>, parse Hermes <c>&lt;tool_call&gt;</c> blocks in its content
    /// (<see cref="ToolRL.Parsing.ToolCallParser.ParseHermes"/>), as servers without a tool parser (vLLM without
    /// <c>--tool-call-parser</c>, llama.cpp, raw Qwen) answer. On by default; off takes such a reply as the final answer.
    /// </summary>
    public bool ParseHermesContent { get; init; } = true;
}
