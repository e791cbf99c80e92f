using System.Collections.Concurrent;
using ToolRL.Server.Hosting;

namespace ToolRL.Server.Sessions;

/// <summary>
/// The live sessions: at most <c>maxSessions</c> (beyond that, 503 with a clear message, never evicting a live
/// session), and idle ones expire after <c>idleTimeout</c> (ORS: 15 minutes; <c>/ping</c> or any request keeps a
/// session alive).
/// </summary>
internal sealed class SessionStore : IDisposable
{
    private readonly ConcurrentDictionary<string, EpisodeSession> _sessions = new(StringComparer.Ordinal);
    private readonly int _maxSessions;
    private readonly TimeSpan _idleTimeout;
    private readonly ILogger _logger;
    private readonly Timer _reaper;
    private int _count;

    public SessionStore(int maxSessions, TimeSpan idleTimeout, ILogger logger)
    {
        _maxSessions = maxSessions;
        _idleTimeout = idleTimeout;
        _logger = logger;
        var period = TimeSpan.FromMilliseconds(Math.Clamp(idleTimeout.TotalMilliseconds / 4, 50, 30_000));
        _reaper = new Timer(_ => ExpireIdle(), null, period, period);
    }

    public int Count => Volatile.Read(ref _count);

    public EpisodeSession Create()
    {
        if (Interlocked.Increment(ref _count) > _maxSessions)
        {
            Interlocked.Decrement(ref _count);
            throw new ApiException(StatusCodes.Status503ServiceUnavailable,
                $"the server holds its maximum of {_maxSessions} live sessions; delete finished ones (POST /delete_session) or wait for idle ones to expire (see --max-sessions)");
        }
        var session = new EpisodeSession(Guid.NewGuid().ToString());
        _sessions[session.Id] = session;
        return session;
    }

    /// <summary>The session named by the X-Session-ID header; 400 without the header, 404 for an unknown id.</summary>
    public EpisodeSession Get(HttpRequest request)
    {
        var id = request.Headers["X-Session-ID"].ToString().Trim();
        if (id.Length == 0)
            throw ApiException.BadRequest("the X-Session-ID header is required (get an id from POST /create_session)");
        return Get(id);
    }

    /// <summary>The session <paramref name="id"/>; 404 for an unknown id.</summary>
    public EpisodeSession Get(string id)
    {
        if (!_sessions.TryGetValue(id, out var session))
            throw ApiException.NotFound($"no live session '{id}': it was deleted, expired after {_idleTimeout.TotalMinutes:0.##} idle minutes, or never existed");
        session.Touch();
        return session;
    }

    public bool Remove(string id)
    {
        if (!_sessions.TryRemove(id, out var session))
            return false;
        Interlocked.Decrement(ref _count);
        DisposeWhenIdle(session);
        return true;
    }

    private void ExpireIdle()
    {
        foreach (var (id, session) in _sessions)
        {
            if (session.IdleMilliseconds > _idleTimeout.TotalMilliseconds && Remove(id))
                _logger.LogInformation("session {Session} expired after {Minutes:0.##} idle minutes", id, _idleTimeout.TotalMinutes);
        }
    }

    /// <summary>Disposes a removed session once no request holds it (a call may still be running).</summary>
    private static void DisposeWhenIdle(EpisodeSession session) =>
        _ = Task.Run(async () =>
        {
            await session.Gate.WaitAsync().ConfigureAwait(false);
            session.Tools?.Dispose();
        });

    public void Dispose()
    {
        _reaper.Dispose();
        var count = _sessions.Count;
        foreach (var id in _sessions.Keys)
            Remove(id);
        if (count > 0)
            _logger.LogInformation("dropped {Count} live session(s) at shutdown", count);
    }
}
