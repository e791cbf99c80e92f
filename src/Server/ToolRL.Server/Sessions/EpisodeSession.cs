using ToolRL.Environments;
using ToolRL.Episodes;
using ToolRL.Server.Catalog;
using ToolRL.Server.Hosting;
using ToolRL.Tasks;

namespace ToolRL.Server.Sessions;

/// <summary>
/// One ORS session: an id first (<c>/create_session</c>), then one episode of one task (<c>/create</c>) over a fresh
/// tool session of its own, so a stateful environment's state never crosses sessions. Requests on one session run
/// one at a time (<see cref="Gate"/>): an <see cref="Episode"/> takes one turn at a time.
/// </summary>
internal sealed class EpisodeSession(string id)
{
    private long _lastUsed = System.Environment.TickCount64;

    public string Id { get; } = id;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public ServedEnvironment? Environment { get; private set; }

    public Episode? Episode { get; private set; }

    public IToolSession? Tools { get; private set; }

    /// <summary>Why the session can no longer be used (its worker died), or null.</summary>
    public string? LostReason { get; private set; }

    public long IdleMilliseconds => System.Environment.TickCount64 - Interlocked.Read(ref _lastUsed);

    public void Touch() => Interlocked.Exchange(ref _lastUsed, System.Environment.TickCount64);

    /// <summary>Starts the episode of <paramref name="task"/>; 409 when this session already has one.</summary>
    public void Start(ServedEnvironment environment, EnvironmentTask task, EpisodeOptions options)
    {
        if (Episode is not null)
            throw new ApiException(StatusCodes.Status409Conflict, $"session '{Id}' already has an episode (of task '{Episode.Task.Id}'); create a new session");
        Tools = environment.Sessions.OpenSession();
        Environment = environment;
        Episode = new Episode(task, Tools, options);
    }

    /// <summary>The running episode; 409 before <c>/create</c>, 410 when the session was lost.</summary>
    public Episode RequireEpisode(string environmentName)
    {
        if (LostReason is not null)
            throw new ApiException(StatusCodes.Status410Gone, LostReason);
        if (Episode is null || Environment is null)
            throw new ApiException(StatusCodes.Status409Conflict, $"session '{Id}' has no episode yet: POST /create with its X-Session-ID first");
        if (!string.Equals(Environment.Name, environmentName, StringComparison.OrdinalIgnoreCase))
            throw ApiException.BadRequest($"session '{Id}' is an episode of environment '{Environment.Name}', not '{environmentName}'");
        return Episode;
    }

    public void MarkLost(string reason) => LostReason = reason;
}
