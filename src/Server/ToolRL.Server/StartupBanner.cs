namespace ToolRL.Server;

/// <summary>What <c>serve</c> prints once listening: the address, the environments, the endpoint groups and the security mode.</summary>
internal static class StartupBanner
{
    public static void Write(TextWriter output, EnvironmentServer server, ServerOptions options)
    {
        output.WriteLine($"ToolRL environment server listening on {string.Join(", ", server.Addresses)}");
        output.WriteLine("environments:");
        foreach (var e in server.Context.Environments)
            output.WriteLine($"  {e.Name}: {e.Tools.Count} tools, {e.Tasks.Count} tasks ({e.Train.Count} train, {e.Test.Count} test)");
        output.WriteLine(server.WorkerProcessIds.Count > 0
            ? $"tools run in {server.WorkerProcessIds.Count} supervised worker processes (pids {string.Join(", ", server.WorkerProcessIds)}); a crashed one is restarted"
            : "tools run in this process (--workers 0): a tool that overflows the stack ends the server");
        output.WriteLine("endpoints:");
        output.WriteLine("  ORS sessions  GET /health, /list_environments, /{env}/tools, /{env}/splits, /{env}/prompt; POST /{env}/tasks, /{env}/task, /create_session, /create, /ping, /delete, /{env}/call (SSE)");
        output.WriteLine("  whole turns   POST /{env}/turn (ToolRL extension: one assistant turn per request)");
        output.WriteLine("  step scoring  POST /v1/score (FTRL step reward at a recorded state; batched)");
        output.WriteLine("  MCP           POST /mcp (Streamable HTTP: every environment's tools)");
        if (options.ChatModel is { } model)
            output.WriteLine($"  chat model    POST /v1/chat/completions, GET /v1/models: '{model.Id}' (OpenAI-compatible; concurrent requests batched, up to {model.MaxBatchSize} per call)");
        output.WriteLine(options.ApiKey is null
            ? "security: loopback only, no API key"
            : "security: every request needs 'Authorization: Bearer <key>' (or 'X-API-Key')");
        output.WriteLine($"reward: {options.Episode.RewardVariant}, solve rule {options.Episode.SolveRule}, {options.Episode.MaxTurns} turns per session; stop with Ctrl+C");
        output.Flush();
    }
}
