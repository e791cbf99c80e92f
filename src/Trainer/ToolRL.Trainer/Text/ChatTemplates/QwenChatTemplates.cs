namespace ToolRL.Trainer.Text.ChatTemplates;

/// <summary>Picks the C# chat template for a checkpoint.</summary>
public static class QwenChatTemplates
{
    /// <summary>
    /// The template for a config.json <c>model_type</c>: <c>qwen3</c> → Qwen3, <c>qwen2</c> (Qwen2 and Qwen2.5) → Qwen2.5.
    /// </summary>
    public static QwenChatTemplate ForModelType(string modelType) => modelType switch
    {
        "qwen3" => Qwen3ChatTemplate.Instance,
        "qwen2" => Qwen25ChatTemplate.Instance,
        _ => throw new NotSupportedException($"No chat template for model_type '{modelType}'; supported: qwen2 (Qwen2/2.5), qwen3."),
    };

    /// <summary>
    /// The template that a checkpoint's Jinja <c>chat_template</c> is, recognised by its tool block and its
    /// handling of thinking; throws when the source is neither Qwen template (rendering would not match it).
    /// </summary>
    public static QwenChatTemplate FromJinjaSource(string jinja)
    {
        ArgumentNullException.ThrowIfNull(jinja);
        bool tools = jinja.Contains("<tool_call>", StringComparison.Ordinal) && jinja.Contains("<tool_response>", StringComparison.Ordinal);
        if (tools && jinja.Contains("reasoning_content", StringComparison.Ordinal) && jinja.Contains("last_query_index", StringComparison.Ordinal))
            return Qwen3ChatTemplate.Instance;
        if (tools && jinja.Contains(Qwen25ChatTemplate.DefaultSystem, StringComparison.Ordinal))
            return Qwen25ChatTemplate.Instance;
        throw new NotSupportedException("The chat_template is neither the Qwen3 nor the Qwen2.5 tool-calling template; it cannot be rendered in C#.");
    }
}
