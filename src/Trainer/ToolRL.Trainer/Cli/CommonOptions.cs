using System.CommandLine;
using System.Globalization;

namespace ToolRL.Trainer.Cli;

/// <summary>Options several commands share, so they read the same everywhere.</summary>
internal static class CommonOptions
{
    public static Option<string[]> Scenario() => new("--scenario", "-s")
    {
        Description = "Limit the command to these scenarios (repeatable). Default: all of the project's scenarios.",
        AllowMultipleArgumentsPerToken = true,
    };

    public static Option<int> Seed() => new("--seed")
    {
        Description = "Random seed (default 1, the same for every command): the same seed gives the same train / held-out split, rollouts and metrics.",
        DefaultValueFactory = _ => Construction.Splits.TaskSplit.DefaultSeed,
    };

    public static Option<int> MaxTurns() => new("--max-turns") { Description = "Turn limit per episode.", DefaultValueFactory = _ => 20 };

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

    /// <summary>True when the user gave <paramref name="option"/> (its default does not count).</summary>
    public static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    /// <summary>A usage error naming <paramref name="option"/> when its value (if given) is below <paramref name="min"/>.</summary>
    public static void AtLeast(Option option, int? value, int min, string? note = null)
    {
        if (value < min)
            throw new CliException($"{option.Name} must be {min.ToString(CultureInfo.InvariantCulture)} or more{note}, got {value}", ExitCodes.BadArguments);
    }

    /// <summary>A usage error naming <paramref name="option"/> when its value (if given) is not a finite number above 0.</summary>
    public static void PositiveNumber(Option option, double? value)
    {
        if (value is { } v && !(v > 0 && double.IsFinite(v)))
            throw new CliException($"{option.Name} must be a positive number, got {v.ToString(CultureInfo.InvariantCulture)}", ExitCodes.BadArguments);
    }

    /// <summary>The value of a count option that must be at least 1; a usage error otherwise.</summary>
    public static int Positive(ParseResult parse, Option<int> option)
    {
        var value = parse.GetValue(option);
        return value >= 1 ? value : throw new CliException($"{option.Name} must be at least 1", ExitCodes.BadArguments);
    }
}
