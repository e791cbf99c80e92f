using ToolRL.Server.Hosting;

namespace ToolRL.Server.Chat;

/// <summary>
/// OpenAI-compatible <c>POST /v1/chat/completions</c> and <c>GET /v1/models</c> over <c>serve --model</c>'s model.
/// Without a model both answer 404 saying how to serve one. Errors on these paths take OpenAI's shape
/// (<c>{"error": {"message", "type", ...}}</c>, see <see cref="ErrorHandling"/>).
/// </summary>
internal static class ChatEndpoints
{
    public const string CompletionsPath = "/v1/chat/completions";
    public const string ModelsPath = "/v1/models";

    /// <summary>True for the paths whose errors take OpenAI's shape.</summary>
    public static bool IsOpenAiPath(PathString path) =>
        path.StartsWithSegments(CompletionsPath) || path.StartsWithSegments(ModelsPath);

    public static void Map(WebApplication app, ServerContext context, ChatCompletionBatcher? batcher)
    {
        var model = context.Options.ChatModel;
        app.MapGet(ModelsPath, http =>
        {
            var json = new JsonText().StartObject().Property("object", "list").Name("data").StartArray();
            if (model is not null)
                json.StartObject().Property("id", model.Id).Property("object", "model").Property("created", 0L).Property("owned_by", "toolrl").EndObject();
            return ErrorHandling.WriteJsonAsync(http, json.EndArray().EndObject());
        });
        app.MapPost(CompletionsPath, async http =>
        {
            if (model is null || batcher is null)
                throw ApiException.NotFound("this server serves no model: start it with `serve --model DIR` (an HF checkpoint folder; needs the Trainer)");
            var body = await RequestJson.ReadObjectAsync(http.Request, http.RequestAborted).ConfigureAwait(false);
            var request = ChatRequestJson.Read(body, context.Options.ChatDefaultMaxTokens);
            if (request.Model is not null && request.Model != model.Id)
                throw ApiException.NotFound($"the model '{request.Model}' does not exist here; this server serves '{model.Id}' (GET /v1/models)");
            var result = await batcher.CompleteAsync(request.Prompt, request.Sampling, http.RequestAborted).ConfigureAwait(false);
            if (result.Error is not null)
                throw ApiException.BadRequest(result.Error);
            var response = new ChatResponseJson(model.Id, result);
            if (!request.Stream)
            {
                await ErrorHandling.WriteJsonAsync(http, new JsonText().Raw(response.Completion())).ConfigureAwait(false);
                return;
            }
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            var events = new System.Text.StringBuilder();
            foreach (var chunk in response.Chunks(request.IncludeUsage))
                events.Append("data: ").Append(chunk).Append("\n\n");
            events.Append("data: [DONE]\n\n");
            await http.Response.WriteAsync(events.ToString(), http.RequestAborted).ConfigureAwait(false);
        });
    }
}
