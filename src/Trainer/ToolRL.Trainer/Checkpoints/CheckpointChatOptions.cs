using System.Text.Json;
using System.Text.Json.Nodes;
using ToolRL.IO;
using ToolRL.Trainer.Text.ChatTemplates;

namespace ToolRL.Trainer.Checkpoints;

/// <summary>
/// <c>chat_options.json</c> in a checkpoint folder: the chat-template variables the model was trained with (today
/// Qwen3's <c>enable_thinking</c>). A policy loaded from the folder renders its prompts the same way by default, so
/// a checkpoint evaluated on its own scores what the run scored: a model trained with an empty think block and
/// prompted without one answers differently.
/// </summary>
public static class CheckpointChatOptions
{
    /// <summary>The file in a checkpoint folder.</summary>
    public const string FileName = "chat_options.json";

    /// <summary>Writes <paramref name="options"/>' template variables into <paramref name="directory"/> atomically.</summary>
    public static void Save(string directory, ChatTemplateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var json = new JsonObject { ["enable_thinking"] = options.EnableThinking is { } thinking ? JsonValue.Create(thinking) : null };
        AtomicFile.WriteAllText(Path.Combine(directory, FileName), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>The prompt options recorded in <paramref name="directory"/>, or null when it records none.</summary>
    /// <exception cref="InvalidFileException">The file is not valid JSON or <c>enable_thinking</c> is not true, false or null.</exception>
    public static ChatTemplateOptions? Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return null;
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidFileException(path, null, $"not valid JSON ({e.Message})", e);
        }
        if (root is not JsonObject o) throw new InvalidFileException(path, null, "must be a JSON object");
        bool? thinking = o["enable_thinking"] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
            var other => throw new InvalidFileException(path, "enable_thinking", $"must be true, false or null, got {other.ToJsonString()}"),
        };
        return new ChatTemplateOptions(AddGenerationPrompt: true, EnableThinking: thinking);
    }
}
