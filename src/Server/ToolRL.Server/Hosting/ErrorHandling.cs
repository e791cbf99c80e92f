namespace ToolRL.Server.Hosting;

/// <summary>
/// Turns every refused request into a JSON error: <see cref="ApiException"/>s with their status, an oversize body
/// (Kestrel's <see cref="BadHttpRequestException"/>) as 413, and anything unexpected as a 500 that is logged. Model
/// output never reaches the last case: parsing and tool calls do not throw for it. ORS and scoring paths answer
/// <c>{"detail": message}</c>; the OpenAI paths (<see cref="Chat.ChatEndpoints"/>) OpenAI's <c>{"error": {...}}</c>.
/// </summary>
internal static class ErrorHandling
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next, ILogger logger)
    {
        try
        {
            // A declared length over the limit is refused before any of the body is read.
            var limit = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
            if (context.Request.ContentLength > limit)
                throw new BadHttpRequestException("request body too large", StatusCodes.Status413PayloadTooLarge);
            await next(context).ConfigureAwait(false);
        }
        catch (ApiException ex)
        {
            await WriteAsync(context, ex.StatusCode, ex.Message).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex)
        {
            var message = ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"the request body is larger than the server's limit ({context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize} bytes; see --max-body-bytes)"
                : $"bad request: {ex.Message}";
            await WriteAsync(context, ex.StatusCode, message).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
            await WriteAsync(context, StatusCodes.Status500InternalServerError, $"internal error: {ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
        }
    }

    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        if (context.Response.HasStarted)
            return Task.CompletedTask; // an SSE stream already sent its headers; it reports errors in-band
        context.Response.Clear();
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var json = new JsonText().StartObject();
        if (Chat.ChatEndpoints.IsOpenAiPath(context.Request.Path))
        {
            // OpenAI's error shape, which its clients read the message from.
            json.Name("error").StartObject().Property("message", message).Property("type", OpenAiErrorType(status))
                .Name("param").Null().Name("code").Null().EndObject();
        }
        else
        {
            json.Property("detail", message);
        }
        return context.Response.WriteAsync(json.EndObject().ToString());
    }

    private static string OpenAiErrorType(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "authentication_error",
        StatusCodes.Status404NotFound => "not_found_error",
        >= 500 => "server_error",
        _ => "invalid_request_error",
    };

    public static Task WriteJsonAsync(HttpContext context, JsonText json, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(json.ToString(), context.RequestAborted);
    }
}
