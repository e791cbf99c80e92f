using ToolRL.Episodes;
using ToolRL.Server.Workers;

namespace ToolRL.Server;

/// <summary>How <see cref="EnvironmentServer"/> listens, guards and runs its environments.</summary>
public sealed record ServerOptions
{
    /// <summary>The default address: loopback only.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8765";

    /// <summary>Addresses to listen on (ASP.NET Core <c>--urls</c> syntax, ';'-separated). Port 0 picks a free port.</summary>
    public string Urls { get; init; } = DefaultUrls;

    /// <summary>The API key every request must carry, or null for none (then only loopback addresses are allowed).</summary>
    public string? ApiKey { get; init; }

    /// <summary>Live sessions at most; beyond, creating one answers 503.</summary>
    public int MaxSessions { get; init; } = 4096;

    /// <summary>Sessions idle this long expire (ORS: 15 minutes).</summary>
    public TimeSpan SessionIdleTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Largest request body accepted; larger ones get 413.</summary>
    public long MaxBodyBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Largest number of items in one <c>/v1/score</c> request.</summary>
    public int MaxScoreItems { get; init; } = 4096;

    /// <summary>How sessions' episodes run and are scored (turn limit, reward variant, solve rule, parser).</summary>
    public EpisodeOptions Episode { get; init; } = EpisodeOptions.Default;

    /// <summary>Worker processes that run the tools; 0 runs them in the server's own process.</summary>
    public int Workers { get; init; }

    /// <summary>How to start a worker; required when <see cref="Workers"/> is positive.</summary>
    public WorkerLaunch? WorkerLaunch { get; init; }

    /// <summary>The model behind <c>/v1/chat/completions</c> (<c>serve --model</c>), or null to serve environments only.</summary>
    public Chat.IChatCompletionModel? ChatModel { get; init; }

    /// <summary>How long the first waiting chat request waits for others to share its model call.</summary>
    public TimeSpan ChatBatchWindow { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>New tokens per chat turn when a request sets neither <c>max_tokens</c> nor <c>max_completion_tokens</c>.</summary>
    public int ChatDefaultMaxTokens { get; init; } = 1024;

    /// <summary>The ORS tool that ends an episode with a final answer, scored with the paper's answer reward.</summary>
    public string AnswerToolName { get; init; } = "submit_answer";
}
