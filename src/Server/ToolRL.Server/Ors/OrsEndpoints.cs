using ToolRL.Episodes;
using ToolRL.Parsing;
using ToolRL.PythonSemantics;
using ToolRL.Server.Catalog;
using ToolRL.Server.Hosting;
using ToolRL.Server.Sessions;
using ToolRL.Server.Workers;
using ToolRL.Tasks;
using ToolRL.Tools;

namespace ToolRL.Server.Ors;

/// <summary>
/// The Open Reward Standard HTTP API (openrewardstandard.io/specification/http-api, as the ORS Python client in
/// openrewardstandard/python-sdk calls it): discovery, tasks by split, sessions, prompt and SSE tool calls.
/// </summary>
/// <remarks>
/// Reward mapping. Each ORS tool call is one turn of the session's <see cref="Episode"/> with that single call, so
/// its reward is the paper's step reward of a one-call turn (F1: <c>2·solved/2</c>, i.e. 1 when the call solved a
/// sub-question, else 0). The extra tool <see cref="ServerOptions.AnswerToolName"/> (<c>answer</c>: string) is a
/// turn without calls: the paper's answer reward (<c>1/(1+unsolved)</c> when the answer holds the gold answer, 0.5
/// when all sub-questions were solved without it, 0, −0.3 for tool-call markup, −0.5 when empty), and it finishes
/// the episode. The episode also finishes after the turn limit.
/// </remarks>
internal static class OrsEndpoints
{
    public static void Map(IEndpointRouteBuilder app, ServerContext context)
    {
        app.MapGet("/health", http => ErrorHandling.WriteJsonAsync(http, new JsonText().StartObject().Property("status", "ok").EndObject()));
        app.MapGet("/list_environments", http =>
        {
            var json = new JsonText().StartArray();
            foreach (var e in context.Environments)
                json.String(e.Name);
            return ErrorHandling.WriteJsonAsync(http, json.EndArray());
        });
        app.MapGet("/{env}/tools", http => WriteTools(http, context));
        app.MapGet("/{env}/task_tools", http => WriteTools(http, context));
        app.MapGet("/{env}/splits", http =>
        {
            Env(http, context);
            var json = new JsonText().StartArray()
                .StartObject().Property("name", ServedEnvironment.TrainSplit).Property("type", ServedEnvironment.TrainSplit).EndObject()
                .StartObject().Property("name", ServedEnvironment.TestSplit).Property("type", ServedEnvironment.TestSplit).EndObject()
                .EndArray();
            return ErrorHandling.WriteJsonAsync(http, json);
        });
        app.MapPost("/{env}/tasks", async http =>
        {
            var env = Env(http, context);
            var body = await RequestJson.ReadObjectAsync(http.Request, http.RequestAborted);
            var tasks = env.Split(RequestJson.RequiredString(body, "split"));
            var json = new JsonText().StartObject().Name("tasks").StartArray();
            foreach (var task in tasks)
                WriteTaskSpec(json, task);
            await ErrorHandling.WriteJsonAsync(http, json.EndArray().Property("env_name", env.Name).EndObject());
        });
        app.MapPost("/{env}/num_tasks", async http =>
        {
            var env = Env(http, context);
            var body = await RequestJson.ReadObjectAsync(http.Request, http.RequestAborted);
            var tasks = env.Split(RequestJson.RequiredString(body, "split"));
            await ErrorHandling.WriteJsonAsync(http, new JsonText().StartObject().Property("num_tasks", tasks.Count).EndObject());
        });
        app.MapPost("/{env}/task", async http =>
        {
            var env = Env(http, context);
            var body = await RequestJson.ReadObjectAsync(http.Request, http.RequestAborted);
            var task = TaskAt(env, RequestJson.RequiredString(body, "split"), RequestJson.OptionalInt(body, "index"));
            var json = new JsonText().StartObject().Name("task");
            WriteTaskSpec(json, task);
            await ErrorHandling.WriteJsonAsync(http, json.EndObject());
        });
        app.MapPost("/{env}/task_range", async http =>
        {
            var env = Env(http, context);
            var body = await RequestJson.ReadObjectAsync(http.Request, http.RequestAborted);
            var tasks = env.Split(RequestJson.RequiredString(body, "split"));
            var (start, stop) = Slice(tasks.Count, RequestJson.OptionalInt(body, "start"), RequestJson.OptionalInt(body, "stop"));
            var json = new JsonText().StartObject().Name("tasks").StartArray();
            for (var i = start; i < stop; i++)
                WriteTaskSpec(json, tasks[i]);
            await ErrorHandling.WriteJsonAsync(http, json.EndArray().EndObject());
        });

        app.MapPost("/create_session", async http =>
        {
            var session = context.Sessions.Create();
            var result = new JsonText().StartObject().Property("sid", session.Id).EndObject().ToString();
            if (ServerSentEvents.Wanted(http.Request))
                await ServerSentEvents.WriteAsync(http.Response, session.Id, result, http.RequestAborted);
            else
                await ErrorHandling.WriteJsonAsync(http, new JsonText().Raw(result));
        });
        app.MapPost("/create", async http =>
        {
            var session = context.Sessions.Get(http.Request);
            var body = await RequestJson.ReadObjectAsync(http.Request, http.RequestAborted);
            var env = context.EnvironmentOrFirst(RequestJson.OptionalString(body, "env_name"));
            var task = ResolveTask(env, body);
            await session.Gate.WaitAsync(http.RequestAborted);
            try
            {
                session.Start(env, task, context.Options.Episode);
            }
            finally
            {
                session.Gate.Release();
            }
            await ErrorHandling.WriteJsonAsync(http, new JsonText().StartObject().Property("sid", session.Id).EndObject());
        });
        app.MapPost("/delete", http => Delete(http, context));
        app.MapPost("/delete_session", http => Delete(http, context));
        app.MapPost("/ping", http =>
        {
            context.Sessions.Get(http.Request); // touching it keeps it alive
            return ErrorHandling.WriteJsonAsync(http, new JsonText().StartObject().Property("status", "ok").EndObject());
        });
        app.MapGet("/{env}/prompt", http =>
        {
            var env = Env(http, context);
            var episode = context.Sessions.Get(http.Request).RequireEpisode(env.Name);
            var json = new JsonText().StartArray()
                .StartObject().Property("type", "text").Property("text", episode.Task.Question).Name("detail").Null().EndObject()
                .EndArray();
            return ErrorHandling.WriteJsonAsync(http, json);
        });
        app.MapPost("/{env}/call", http => CallAsync(http, context));
    }

    private static ServedEnvironment Env(HttpContext http, ServerContext context) =>
        context.Environment(http.Request.RouteValues["env"] as string);

    private static Task WriteTools(HttpContext http, ServerContext context)
    {
        var env = Env(http, context);
        var json = new JsonText().StartObject().Name("tools").StartArray();
        foreach (var tool in env.Tools)
            json.StartObject().Property("name", tool.Name).Property("description", tool.Description).Name("input_schema").Raw(tool.ParametersSchema).EndObject();
        json.StartObject()
            .Property("name", context.Options.AnswerToolName)
            .Property("description", "Give the final answer to the question. Ends the episode; scored with the paper's answer reward.")
            .Name("input_schema").Raw("{\"type\":\"object\",\"properties\":{\"answer\":{\"type\":\"string\",\"description\":\"The final answer.\"}},\"required\":[\"answer\"]}")
            .EndObject();
        return ErrorHandling.WriteJsonAsync(http, json.EndArray().EndObject());
    }

    /// <summary>A task as ORS task_spec: its id (which <c>/create</c> takes back), question and structure.</summary>
    private static void WriteTaskSpec(JsonText json, EnvironmentTask task) =>
        json.StartObject()
            .Property("id", task.Id).Property("question", task.Question).Property("structure", task.Structure.ToString())
            .Property("split", ServedEnvironment.SplitOf(task))
            .EndObject();

    private static EnvironmentTask ResolveTask(ServedEnvironment env, PyValue body)
    {
        var spec = body.Get("task_spec");
        if (spec is not null && spec.Kind != PyValueKind.None)
        {
            if (spec.Kind != PyValueKind.Dict)
                throw ApiException.BadRequest("\"task_spec\" must be an object with the task's \"id\" (as /tasks lists it)");
            var id = RequestJson.RequiredString(spec, "id", "task_spec");
            return env.FindTask(id) ?? throw ApiException.NotFound($"environment '{env.Name}' has no task '{id}'");
        }
        var split = RequestJson.OptionalString(body, "split")
            ?? throw ApiException.BadRequest("/create needs \"task_spec\" (with the task's \"id\") or \"split\" and \"index\"");
        return TaskAt(env, split, RequestJson.OptionalInt(body, "index"));
    }

    private static EnvironmentTask TaskAt(ServedEnvironment env, string split, int? index)
    {
        var tasks = env.Split(split);
        if (index is null)
            throw ApiException.BadRequest("an \"index\" integer is required");
        if (index < 0 || index >= tasks.Count)
            throw ApiException.BadRequest($"index {index} is out of range: split '{split}' of '{env.Name}' has {tasks.Count} tasks");
        return tasks[index.Value];
    }

    /// <summary>Python's <c>range(count)[start:stop]</c> bounds.</summary>
    private static (int Start, int Stop) Slice(int count, int? start, int? stop)
    {
        static int Clamp(int count, int value) => value < 0 ? Math.Max(0, count + value) : Math.Min(count, value);
        var s = start is null ? 0 : Clamp(count, start.Value);
        var e = stop is null ? count : Clamp(count, stop.Value);
        return (s, Math.Max(s, e));
    }

    private static Task Delete(HttpContext http, ServerContext context)
    {
        var session = context.Sessions.Get(http.Request);
        context.Sessions.Remove(session.Id);
        return ErrorHandling.WriteJsonAsync(http, new JsonText().StartObject().Property("sid", session.Id).EndObject());
    }

    private static async Task CallAsync(HttpContext http, ServerContext context)
    {
        var env = Env(http, context);
        var session = context.Sessions.Get(http.Request);
        var body = await RequestJson.ReadObjectAsync(http.Request, http.RequestAborted);
        var name = RequestJson.RequiredString(body, "name");
        var input = body.Get("input") ?? PyValue.Dict([]);
        if (input.Kind != PyValueKind.Dict)
            throw ApiException.BadRequest($"\"input\" must be an object of the tool's arguments, not {RequestJson.Describe(input)}");
        var taskId = RequestJson.OptionalString(body, "task_id") ?? Guid.NewGuid().ToString();

        string result;
        await session.Gate.WaitAsync(http.RequestAborted);
        try
        {
            var episode = session.RequireEpisode(env.Name);
            result = episode.IsEnded
                ? Failure($"the episode has finished ({TurnJsonEnd(episode)}); create a new session for another episode")
                : await StepAsync(session, episode, name, input, context.Options.AnswerToolName);
        }
        finally
        {
            session.Gate.Release();
        }
        await ServerSentEvents.WriteAsync(http.Response, taskId, result, http.RequestAborted);
    }

    private static string TurnJsonEnd(Episode episode) => Turns.TurnJson.EndReasonName(episode.EndReason);

    private static async Task<string> StepAsync(EpisodeSession session, Episode episode, string name, PyValue input, string answerTool)
    {
        ParsedTurn turn;
        if (name == answerTool)
        {
            var answer = input.Get("answer") is { Kind: PyValueKind.Str } a ? a.Text : input.Get("answer")?.ToString() ?? string.Empty;
            turn = ToolCallParser.FromOpenAi(answer, null);
        }
        else
        {
            turn = ToolCallParser.FromOpenAi(null, [new ToolCall(name, PyJson.Dumps(input))]);
        }
        StepOutcome outcome;
        try
        {
            outcome = await episode.StepAsync(turn);
        }
        catch (WorkerLostException ex)
        {
            session.MarkLost(ex.Message);
            return Failure(ex.Message);
        }
        var text = outcome.Calls.Count > 0 ? outcome.Calls[0].Result.Text : "Answer recorded.";
        var json = new JsonText().StartObject().Property("ok", true).Name("output").StartObject()
            .Name("blocks").StartArray().StartObject().Property("type", "text").Property("text", text).Name("detail").Null().EndObject().EndArray()
            .Name("metadata").StartObject()
            .Property("turn", outcome.Turn).Property("solved", outcome.Solved);
        if (outcome.Calls.Count > 0)
            json.Property("outcome", Turns.TurnJson.OutcomeName(outcome.Calls[0].Result.Outcome));
        if (outcome.Ended)
            json.Property("end_reason", Turns.TurnJson.EndReasonName(outcome.EndReason));
        json.Property("solve_rate", episode.Unsolved.SolveRate).EndObject()
            .Property("reward", outcome.Reward)
            .Property("finished", outcome.Ended)
            .EndObject().EndObject();
        return json.ToString();
    }

    private static string Failure(string message) =>
        new JsonText().StartObject().Property("ok", false).Property("error", message).EndObject().ToString();
}
