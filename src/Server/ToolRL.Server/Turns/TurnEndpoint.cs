using ToolRL.Episodes;
using ToolRL.Server.Hosting;
using ToolRL.Server.Workers;

namespace ToolRL.Server.Turns;

/// <summary>
/// Our extension to ORS, <c>POST /{env}/turn</c> with <c>X-Session-ID</c>: one whole assistant turn (raw text with
/// Hermes <c>&lt;tool_call&gt;</c> blocks, or OpenAI-style <c>content</c> + <c>tool_calls</c>) is parsed and every call
/// executed, as <see cref="Episode.StepAsync(Parsing.ParsedTurn, CancellationToken)"/> does in process. The answer
/// holds the step reward, each call's feedback, the tool messages to append and whether the episode finished.
/// </summary>
internal static class TurnEndpoint
{
    public static void Map(IEndpointRouteBuilder app, ServerContext context) =>
        app.MapPost("/{env}/turn", async http =>
        {
            var env = context.Environment(http.Request.RouteValues["env"] as string);
            var session = context.Sessions.Get(http.Request);
            var body = await RequestJson.ReadObjectAsync(http.Request, http.RequestAborted);
            var turn = TurnJson.ReadTurn(body, context.Options.Episode.Parser, "the request body");
            StepOutcome outcome;
            Episode episode;
            await session.Gate.WaitAsync(http.RequestAborted);
            try
            {
                episode = session.RequireEpisode(env.Name);
                if (episode.IsEnded)
                    throw new ApiException(StatusCodes.Status409Conflict,
                        $"the episode of session '{session.Id}' has finished ({TurnJson.EndReasonName(episode.EndReason)}); create a new session for another episode");
                try
                {
                    outcome = await episode.StepAsync(turn);
                }
                catch (WorkerLostException ex)
                {
                    session.MarkLost(ex.Message);
                    throw new ApiException(StatusCodes.Status410Gone, ex.Message);
                }
            }
            finally
            {
                session.Gate.Release();
            }
            var json = new JsonText().StartObject()
                .Property("turn", outcome.Turn)
                .Property("reward", outcome.Reward)
                .Property("solved", outcome.Solved)
                .Property("finished", outcome.Ended)
                .Property("end_reason", outcome.Ended ? TurnJson.EndReasonName(outcome.EndReason) : null)
                .Property("solve_rate", episode.Unsolved.SolveRate)
                .Property("content", turn.Content);
            TurnJson.WriteCalls(json, outcome.Calls);
            TurnJson.WriteToolMessages(json, outcome.Calls);
            await ErrorHandling.WriteJsonAsync(http, json.EndObject());
        });
}
