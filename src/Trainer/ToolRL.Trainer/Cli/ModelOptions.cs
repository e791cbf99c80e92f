using System.CommandLine;
using ToolRL.Cli;

namespace ToolRL.Trainer.Cli;

/// <summary>Options of the commands that generate with a model (the command line's shared ones are in <see cref="CommonOptions"/>).</summary>
internal static class ModelOptions
{
    public static Option<int> MaxNewTokens() => new("--max-new-tokens") { Description = "Longest assistant turn, in tokens.", DefaultValueFactory = _ => 1024 };

    public static Option<string?> Thinking() => new Option<string?>("--thinking")
    {
        Description = "Qwen3 thinking in the prompts of a --model checkpoint: on or off. Default: what the checkpoint was trained with (its chat_options.json), else the chat template's default (on).",
    }.AcceptOnlyFromAmong("on", "off");

    /// <summary>The prompt options <c>--thinking</c> asks for, or null to use the checkpoint's own.</summary>
    public static Text.ChatTemplates.ChatTemplateOptions? ThinkingChoice(ParseResult parse, Option<string?> option) => parse.GetValue(option) switch
    {
        null => null,
        "on" => new(AddGenerationPrompt: true, EnableThinking: true),
        _ => new(AddGenerationPrompt: true, EnableThinking: false),
    };
}
