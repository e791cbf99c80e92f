namespace ToolRL.Server.Hosting;

/// <summary>
/// A request the server refuses, with the HTTP status and a message naming the field, header or value at fault.
/// Sent as <c>{"detail": message}</c> (the shape ORS clients read), never as a 5xx.
/// </summary>
internal sealed class ApiException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public static ApiException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);
    public static ApiException NotFound(string message) => new(StatusCodes.Status404NotFound, message);
}
