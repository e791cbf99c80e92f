namespace ToolRL.Trainer.Text.ChatTemplates;

/// <summary>The variables a Qwen chat template takes besides the messages and tools.</summary>
/// <param name="AddGenerationPrompt">Append the opening of the assistant turn the model is to write (<c>add_generation_prompt</c>).</param>
/// <param name="EnableThinking">
/// Qwen3's <c>enable_thinking</c>: <c>false</c> pre-fills an empty <c>&lt;think&gt;</c> block in the generation
/// prompt so the model answers without reasoning; <c>null</c> leaves it undefined (the template's default, thinking on).
/// Qwen2.5 ignores it.
/// </param>
public sealed record ChatTemplateOptions(bool AddGenerationPrompt = true, bool? EnableThinking = null)
{
    /// <summary>A prompt for the model's next turn, thinking left to the template's default.</summary>
    public static ChatTemplateOptions Prompt { get; } = new();

    /// <summary>A finished conversation: no generation prompt.</summary>
    public static ChatTemplateOptions Transcript { get; } = new(AddGenerationPrompt: false);
}
