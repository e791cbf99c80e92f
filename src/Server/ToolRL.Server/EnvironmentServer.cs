using System.Net;
using ToolRL.Environments;
using ToolRL.Server.Catalog;
using ToolRL.Server.Chat;
using ToolRL.Server.Hosting;
using ToolRL.Server.Ors;
using ToolRL.Server.Scoring;
using ToolRL.Server.Sessions;
using ToolRL.Server.Turns;
using ToolRL.Server.Workers;

namespace ToolRL.Server;

/// <summary>
/// Serves environments over HTTP (ASP.NET Core on the shared framework): ORS episode sessions, whole turns,
/// FTRL step scoring, MCP, and with a <see cref="ServerOptions.ChatModel"/> OpenAI chat completions, with tools in supervised worker processes or in process. Loopback only unless an API key is
/// set; with a key every request must carry it.
/// </summary>
public sealed class EnvironmentServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SessionStore _sessions;
    private readonly WorkerPool? _workers;
    private readonly ChatCompletionBatcher? _chat;
    private int _stopped;

    private EnvironmentServer(WebApplication app, SessionStore sessions, WorkerPool? workers, ChatCompletionBatcher? chat, ServerContext context)
    {
        _app = app;
        _sessions = sessions;
        _workers = workers;
        _chat = chat;
        Context = context;
    }

    /// <summary>The addresses the server listens on (with the real port when port 0 was asked for).</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    /// <summary>The names of the environments served, in order.</summary>
    public IReadOnlyList<string> EnvironmentNames => Context.Environments.Select(e => e.Name).ToArray();

    /// <summary>Process ids of the worker processes (empty when tools run in process).</summary>
    public IReadOnlyList<int> WorkerProcessIds => _workers?.ProcessIds ?? [];

    /// <summary>Workers restarted after dying so far.</summary>
    public int WorkerRestarts => _workers?.Restarts ?? 0;

    /// <summary>Live sessions now.</summary>
    public int LiveSessions => _sessions.Count;

    internal ServerContext Context { get; }

    /// <summary>Requests per model call so far (empty without a chat model).</summary>
    internal IReadOnlyList<int> ChatBatchSizes => _chat?.BatchSizes ?? [];

    /// <summary>Validates <paramref name="options"/>, loads every environment's tasks, starts the workers and listens.</summary>
    /// <exception cref="ArgumentException">An option is invalid, e.g. a non-loopback address without an API key.</exception>
    public static async Task<EnvironmentServer> StartAsync(
        IReadOnlyList<IToolEnvironment> environments, ServerOptions options, bool logToConsole = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environments);
        ArgumentNullException.ThrowIfNull(options);
        Validate(environments, options);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logToConsole)
            builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        builder.Logging.SetMinimumLevel(LogLevel.Warning).AddFilter("ToolRL", LogLevel.Information);
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            k.AddServerHeader = false;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        // MCP: stateless Streamable HTTP, so no episode state can hang on an MCP session (see EnvironmentMcpTool).
        ServerContext? built = null;
        builder.Services.AddMcpServer(o => o.ServerInfo = new() { Name = "toolrl", Version = "0.1.0" })
            .WithHttpTransport(o => o.Stateless = true)
            .WithTools(environments.SelectMany(e => e.Tools.Select(t =>
                (ModelContextProtocol.Server.McpServerTool)new Mcp.EnvironmentMcpTool(e.Name, t, () => built!))).ToArray());
        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ToolRL.Server");

        WorkerPool? workers = null;
        SessionStore? sessions = null;
        ChatCompletionBatcher? chat = null;
        try
        {
            if (options.Workers > 0)
            {
                workers = new WorkerPool(options.Workers, options.WorkerLaunch!, logger);
                await workers.WaitReadyAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            }
            var served = environments
                .Select(e => new ServedEnvironment(e, workers is null ? e : new WorkerEnvironment(e, workers)))
                .ToArray();
            sessions = new SessionStore(options.MaxSessions, options.SessionIdleTimeout, logger);
            var context = built = new ServerContext(options, served, sessions);
            chat = options.ChatModel is null ? null : new ChatCompletionBatcher(options.ChatModel, options.ChatBatchWindow);
            var server = new EnvironmentServer(app, sessions, workers, chat, context);

            var apiKey = options.ApiKey is null ? null : new ApiKeyCheck(options.ApiKey);
            app.Use(async (http, next) =>
            {
                if (apiKey is not null && !apiKey.IsAuthorized(http.Request))
                {
                    await ApiKeyCheck.RejectAsync(http).ConfigureAwait(false);
                    return;
                }
                await ErrorHandling.InvokeAsync(http, next, logger).ConfigureAwait(false);
            });
            OrsEndpoints.Map(app, context);
            TurnEndpoint.Map(app, context);
            ScoreEndpoint.Map(app, context);
            ChatEndpoints.Map(app, context, chat);
            app.MapMcp("/mcp");
            app.MapFallback(http => ErrorHandling.WriteAsync(http, StatusCodes.Status404NotFound,
                $"no endpoint {http.Request.Method} {http.Request.Path}; see GET /list_environments and the README's 'Environment server' section"));

            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            server.Addresses = app.Urls.ToArray();
            return server;
        }
        catch
        {
            if (chat is not null)
                await chat.DisposeAsync().ConfigureAwait(false);
            sessions?.Dispose();
            workers?.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Completes when the host is asked to stop (SIGINT, SIGTERM) or <paramref name="cancellationToken"/> fires.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops gracefully: in-flight requests finish, then live sessions are dropped (logged) and workers stopped.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
            return;
        await _app.StopAsync().ConfigureAwait(false);
        if (_chat is not null)
            await _chat.DisposeAsync().ConfigureAwait(false);
        _sessions.Dispose();
        _workers?.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static void Validate(IReadOnlyList<IToolEnvironment> environments, ServerOptions options)
    {
        if (environments.Count == 0)
            throw new ArgumentException("there is no environment to serve");
        foreach (var group in environments.GroupBy(e => e.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            throw new ArgumentException($"two environments are named '{group.Key}'; names must differ (ignoring case)");
        foreach (var e in environments.Where(e => e.Tools.Any(t => t.Name == options.AnswerToolName)))
            throw new ArgumentException($"environment '{e.Name}' has a tool named '{options.AnswerToolName}', which the server reserves for final answers");
        if (options.MaxSessions < 1)
            throw new ArgumentException("--max-sessions must be at least 1");
        if (options.SessionIdleTimeout <= TimeSpan.Zero)
            throw new ArgumentException("--session-ttl must be positive");
        if (options.MaxBodyBytes < 1024)
            throw new ArgumentException("--max-body-bytes must be at least 1024");
        if (options.Workers < 0)
            throw new ArgumentException("--workers must be 0 (tools in process) or more");
        if (options.Workers > 0 && options.WorkerLaunch is null)
            throw new ArgumentException("worker processes need a WorkerLaunch");
        if (options.ChatBatchWindow < TimeSpan.Zero)
            throw new ArgumentException("the chat batch window must not be negative");
        if (options.ChatDefaultMaxTokens < 1)
            throw new ArgumentException("the default max_tokens must be at least 1");
        if (options.ApiKey is { Length: 0 })
            throw new ArgumentException("the API key is empty");
        foreach (var url in options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (options.ApiKey is null && !IsLoopback(url))
                throw new ArgumentException(
                    $"'{url}' is not a loopback address: serving beyond this machine needs an API key (--api-key-file FILE, or the TOOLRL_API_KEY environment variable)");
        }
    }

    /// <summary>True for http(s) URLs on 127.0.0.0/8, ::1 or localhost; false for wildcards (*, +, 0.0.0.0) and other hosts.</summary>
    internal static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://wildcard.invalid").Replace("://+", "://wildcard.invalid"), UriKind.Absolute, out var uri))
            throw new ArgumentException($"'{url}' is not a valid URL for --urls (e.g. http://127.0.0.1:8765)");
        if (uri.Scheme is not ("http" or "https"))
            throw new ArgumentException($"'{url}' must be an http:// or https:// URL");
        var host = uri.Host.Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
