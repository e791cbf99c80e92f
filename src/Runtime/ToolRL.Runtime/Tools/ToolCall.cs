namespace ToolRL.Tools;

/// <summary>One tool call as the model made it.</summary>
/// <param name="Name">The tool name the model wrote.</param>
/// <param name="ArgumentsJson">The arguments as JSON text; normally an object, <c>{}</c> when the model gave none.</param>
/// <param name="Id">Call id for OpenAI-style transcripts; null for Hermes text calls.</param>
public sealed record ToolCall(string Name, string ArgumentsJson, string? Id = null);
