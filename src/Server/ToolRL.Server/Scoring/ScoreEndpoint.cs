using ToolRL.Episodes;
using ToolRL.PythonSemantics;
using ToolRL.Server.Hosting;
using ToolRL.Server.Turns;
using ToolRL.Server.Workers;

namespace ToolRL.Server.Scoring;

/// <summary>
/// <c>POST /v1/score</c>, stateless and batched: each item's turn is scored at its recorded state on a fresh tool
/// session by <see cref="StepScorer"/>, exactly as FTRL's reward function scores a step record's sampled turn.
/// The body is one item, or <c>{"items": [...]}</c>; the answer is one result, or <c>{"results": [...]}</c> in order.
/// </summary>
internal static class ScoreEndpoint
{
    public static void Map(IEndpointRouteBuilder app, ServerContext context) =>
        app.MapPost("/v1/score", http => HandleAsync(http, context));

    private static async Task HandleAsync(HttpContext http, ServerContext context)
    {
        var body = await RequestJson.ReadObjectAsync(http.Request, http.RequestAborted);
        var batch = body.Get("items");
        if (batch is null)
        {
            var item = ScoreItem.Read(body, context, "the request body");
            var json = new JsonText();
            WriteResult(json, (await ScoreBatchAsync([item], http.RequestAborted))[0]);
            await ErrorHandling.WriteJsonAsync(http, json);
            return;
        }
        if (batch.Kind != PyValueKind.List)
            throw ApiException.BadRequest("\"items\" must be an array of score items");
        if (batch.Items.Count > context.Options.MaxScoreItems)
            throw ApiException.BadRequest($"\"items\" holds {batch.Items.Count} items; at most {context.Options.MaxScoreItems} per request");
        // Every item is checked before any runs: a bad request scores nothing.
        var items = new ScoreItem[batch.Items.Count];
        for (var i = 0; i < items.Length; i++)
            items[i] = ScoreItem.Read(batch.Items[i], context, $"items[{i}]");
        var results = await ScoreBatchAsync(items, http.RequestAborted);
        var all = new JsonText().StartObject().Name("results").StartArray();
        foreach (var result in results)
            WriteResult(all, result);
        await ErrorHandling.WriteJsonAsync(http, all.EndArray().EndObject());
    }

    /// <summary>
    /// Scores a batch. Items of a worker-backed environment have their turns' calls run as one message per worker
    /// (<see cref="WorkerEnvironment.RunTurnsAsync"/>) and are then scored on those results; in-process items run
    /// concurrently on fresh sessions.
    /// </summary>
    private static async Task<(StepScore? Score, string? Error)[]> ScoreBatchAsync(ScoreItem[] items, CancellationToken cancellationToken)
    {
        var results = new (StepScore?, string?)[items.Length];
        var running = new List<Task>();
        foreach (var group in Enumerable.Range(0, items.Length).GroupBy(i => items[i].Environment))
        {
            if (group.Key.Sessions is WorkerEnvironment workers)
                running.Add(ScoreOnWorkersAsync(workers, group.ToArray()));
            else
                running.AddRange(group.Select(ScoreInProcessAsync));
        }
        await Task.WhenAll(running).ConfigureAwait(false);
        return results;

        async Task ScoreInProcessAsync(int index) => results[index] = await ScoreAsync(items[index], cancellationToken).ConfigureAwait(false);

        async Task ScoreOnWorkersAsync(WorkerEnvironment workers, int[] indices)
        {
            // Only turns with calls touch tools; the rest score against their recorded state alone.
            var withCalls = indices.Where(i => items[i].Turn.HasToolCalls).ToArray();
            var ran = await workers.RunTurnsAsync(withCalls.Select(i => items[i].Turn.ToolCalls).ToArray()).ConfigureAwait(false);
            for (var k = 0; k < withCalls.Length; k++)
            {
                var index = withCalls[k];
                results[index] = ran[k].Results is { } calls
                    ? (await ScoreOnAsync(new ResultsSession(calls), items[index], cancellationToken).ConfigureAwait(false), null)
                    : (null, ran[k].Lost!.Message);
            }
            foreach (var index in indices.Where(i => !items[i].Turn.HasToolCalls))
                results[index] = (await ScoreOnAsync(new ResultsSession([]), items[index], cancellationToken).ConfigureAwait(false), null);
        }
    }

    private static ValueTask<StepScore> ScoreOnAsync(ResultsSession session, ScoreItem item, CancellationToken cancellationToken) =>
        StepScorer.ScoreAsync(session, item.State, item.Turn, item.Options, cancellationToken);

    private static async Task<(StepScore? Score, string? Error)> ScoreAsync(ScoreItem item, CancellationToken cancellationToken)
    {
        using var session = item.Environment.Sessions.OpenSession();
        try
        {
            return (await StepScorer.ScoreAsync(session, item.State, item.Turn, item.Options, cancellationToken), null);
        }
        catch (WorkerLostException ex)
        {
            return (null, ex.Message);
        }
    }

    private static void WriteResult(JsonText json, (StepScore? Score, string? Error) result)
    {
        json.StartObject();
        if (result.Score is not { } score)
        {
            json.Property("error", result.Error).EndObject();
            return;
        }
        json.Property("reward", score.Reward)
            .Property("solved", score.Solved)
            .Property("content", score.Turn.Content)
            .Property("malformed", !score.Turn.HasToolCalls && score.Turn.HasToolCallMarkup);
        TurnJson.WriteCalls(json, score.Calls);
        json.EndObject();
    }
}
