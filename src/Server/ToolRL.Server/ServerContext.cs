using ToolRL.Server.Catalog;
using ToolRL.Server.Hosting;
using ToolRL.Server.Sessions;

namespace ToolRL.Server;

/// <summary>What every endpoint works with: the options, the served environments and the live sessions.</summary>
internal sealed class ServerContext(ServerOptions options, IReadOnlyList<ServedEnvironment> environments, SessionStore sessions)
{
    private readonly Dictionary<string, ServedEnvironment> _byName =
        environments.ToDictionary(e => e.Name, StringComparer.OrdinalIgnoreCase);

    public ServerOptions Options { get; } = options;

    public IReadOnlyList<ServedEnvironment> Environments { get; } = environments;

    public SessionStore Sessions { get; } = sessions;

    /// <summary>The environment named <paramref name="name"/>; 404 naming the served ones otherwise.</summary>
    public ServedEnvironment Environment(string? name)
    {
        if (name is null)
        {
            if (Environments.Count == 1)
                return Environments[0];
            throw ApiException.BadRequest($"name the environment: this server serves {Names}");
        }
        return _byName.TryGetValue(name, out var environment)
            ? environment
            : throw ApiException.NotFound($"unknown environment '{name}'; this server serves {Names}");
    }

    /// <summary>The environment an ORS request names when it may omit it: the first one served (as ORS servers do).</summary>
    public ServedEnvironment EnvironmentOrFirst(string? name) => name is null ? Environments[0] : Environment(name);

    private string Names => string.Join(", ", Environments.Select(e => $"'{e.Name}'"));
}
