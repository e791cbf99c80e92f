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
}
