using System.Text;

namespace ToolRL.Server.Ors;

/// <summary>
/// ORS's SSE framing (openrewardstandard.io/specification/sse): a <c>task_id</c> event, then the JSON result split
/// into <c>chunk</c> events of at most 4 KiB with the last piece in the <c>end</c> event. The client joins the
/// pieces and parses them.
/// </summary>
internal static class ServerSentEvents
{
    public const int ChunkSize = 4096;

    public static async Task WriteAsync(HttpResponse response, string taskId, string resultJson, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        var sb = new StringBuilder(resultJson.Length + 64);
        Event(sb, "task_id", taskId);
        var start = 0;
        while (resultJson.Length - start > ChunkSize)
        {
            var length = ChunkSize;
            if (char.IsHighSurrogate(resultJson[start + length - 1]))
                length--; // never split a surrogate pair across events
            Event(sb, "chunk", resultJson.Substring(start, length));
            start += length;
        }
        Event(sb, "end", resultJson[start..]);
        await response.WriteAsync(sb.ToString(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>True when the client asked for an event stream.</summary>
    public static bool Wanted(HttpRequest request) =>
        request.Headers.Accept.ToString().Contains("text/event-stream", StringComparison.OrdinalIgnoreCase);

    // The data never holds a line break: it is compact JSON (or an id), whose strings escape them.
    private static void Event(StringBuilder sb, string name, string data) =>
        sb.Append("event: ").Append(name).Append('\n').Append("data: ").Append(data).Append("\n\n");
}
