using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ToolRL.Episodes;
using ToolRL.Parsing;
using ToolRL.Server.Hosting;
using ToolRL.Server.Workers;
using ToolRL.Tools;

namespace ToolRL.Server.Mcp;

/// <summary>
/// One environment tool over MCP (Streamable HTTP at <c>/mcp</c>, stateless), named <c>{env}__{tool}</c>. Episode
/// state never lives on an MCP session: without <c>session_id</c> the call runs on a fresh tool session (right for
/// stateless scenarios); with <c>session_id</c> (an ORS session from <c>/create_session</c> + <c>/create</c>) it is
/// one turn of that session's episode, and the result carries the step reward and <c>finished</c>.
/// </summary>
internal sealed class EnvironmentMcpTool : McpServerTool
{
    public const string SessionArgument = "session_id";

    private readonly string _environment;
    private readonly ToolDefinition _definition;
    private readonly Func<ServerContext> _context;

    public EnvironmentMcpTool(string environment, ToolDefinition definition, Func<ServerContext> context)
    {
        _environment = environment;
        _definition = definition;
        _context = context;
        ProtocolTool = new Tool
        {
            Name = $"{environment}__{definition.Name}",
            Description = $"{definition.Description} (environment '{environment}'; pass \"{SessionArgument}\", an ORS session id, to make the call a turn of that session's episode)",
            InputSchema = SchemaWithSession(definition.ParametersSchema),
        };
    }

    public override Tool ProtocolTool { get; }

    public override IReadOnlyList<object> Metadata => [];

    public override async ValueTask<CallToolResult> InvokeAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken = default)
    {
        var context = _context();
        var env = context.Environment(_environment);
        string? sessionId = null;
        var arguments = new StringBuilder("{");
        foreach (var (name, value) in request.Params?.Arguments ?? new Dictionary<string, JsonElement>())
        {
            if (name == SessionArgument && value.ValueKind == JsonValueKind.String)
            {
                sessionId = value.GetString();
                continue;
            }
            if (arguments.Length > 1)
                arguments.Append(',');
            arguments.Append(Json.Quote(name)).Append(':').Append(value.GetRawText());
        }
        var call = new ToolCall(_definition.Name, arguments.Append('}').ToString());
        try
        {
            if (sessionId is null)
            {
                using var tools = env.Sessions.OpenSession();
                var result = await tools.ExecuteAsync(call, cancellationToken).ConfigureAwait(false);
                return Result(result.Text, !result.IsOk, null);
            }
            var session = context.Sessions.Get(sessionId);
            await session.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var episode = session.RequireEpisode(env.Name);
                if (episode.IsEnded)
                    return Result($"the episode of session '{sessionId}' has finished; create a new session", true, null);
                StepOutcome outcome;
                try
                {
                    outcome = await episode.StepAsync(ToolCallParser.FromOpenAi(null, [call]), cancellationToken).ConfigureAwait(false);
                }
                catch (WorkerLostException ex)
                {
                    session.MarkLost(ex.Message);
                    throw new ApiException(StatusCodes.Status410Gone, ex.Message);
                }
                var executed = outcome.Calls[0];
                var structured = new JsonObject
                {
                    ["reward"] = outcome.Reward,
                    ["solved"] = executed.SolvedSubQuestion,
                    ["finished"] = outcome.Ended,
                    ["outcome"] = Turns.TurnJson.OutcomeName(executed.Result.Outcome),
                };
                return Result(executed.Result.Text, !executed.Result.IsOk, structured);
            }
            finally
            {
                session.Gate.Release();
            }
        }
        catch (ApiException ex)
        {
            return Result(ex.Message, true, null);
        }
        catch (WorkerLostException ex)
        {
            return Result(ex.Message, true, null);
        }
    }

    private static CallToolResult Result(string text, bool isError, JsonObject? structured) => new()
    {
        Content = [new TextContentBlock { Text = text }],
        IsError = isError,
        StructuredContent = structured is null ? null : JsonSerializer.SerializeToElement(structured, McpJson.Default.JsonObject),
    };

    private static JsonElement SchemaWithSession(string schema)
    {
        var node = JsonNode.Parse(schema) as JsonObject ?? new JsonObject { ["type"] = "object" };
        if (node["properties"] is not JsonObject properties)
            node["properties"] = properties = new JsonObject();
        properties[SessionArgument] = new JsonObject
        {
            ["type"] = "string",
            ["description"] = "Optional: an ORS session id (POST /create_session, then /create) whose episode this call is a turn of.",
        };
        return JsonSerializer.SerializeToElement(node, McpJson.Default.JsonObject);
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(JsonObject))]
internal sealed partial class McpJson : System.Text.Json.Serialization.JsonSerializerContext;
