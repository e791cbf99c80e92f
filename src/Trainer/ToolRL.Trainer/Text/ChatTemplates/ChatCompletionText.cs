namespace ToolRL.Trainer.Text.ChatTemplates;

/// <summary>A prompt and the assistant turn a model should write after it, split exactly as the template renders them.</summary>
/// <param name="Prompt">The conversation so far, ending with the generation prompt.</param>
/// <param name="Completion">
/// What the model writes: the assistant turn after the generation prompt, through <c>&lt;|im_end|&gt;</c>
/// (the stop token) — <c>Prompt + Completion + "\n"</c> is the template's rendering of the whole conversation.
/// </param>
public sealed record ChatCompletionText(string Prompt, string Completion);
