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
            WriteResult(json, await ScoreAsync(item, http.RequestAborted));
            await ErrorHandling.WriteJsonAsync(http, json);
            return;
        }
        if (batch.Kind != PyValueKind.List)
            throw ApiException.BadRequest("\"items\" must be an array of score items");
        if (batch.Items.Count > context.Options.MaxScoreItems)
            throw ApiException.BadRequest($"\"items\" holds {batch.Items.Count} items; at most {context.Options.MaxScoreItems} per request");
        // Every item is checked before any runs: a bad request scores nothing.
        var items = batch.Items.Select((v, i) => ScoreItem.Read(v, context, $"items[{i}]")).ToArray();
        var results = await Task.WhenAll(items.Select(i => ScoreAsync(i, http.RequestAborted)));
        var all = new JsonText().StartObject().Name("results").StartArray();
        foreach (var result in results)
            WriteResult(all, result);
        await ErrorHandling.WriteJsonAsync(http, all.EndArray().EndObject());
    }

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
