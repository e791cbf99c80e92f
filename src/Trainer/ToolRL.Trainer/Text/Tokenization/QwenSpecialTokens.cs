namespace ToolRL.Trainer.Text.Tokenization;

/// <summary>The added tokens that Qwen chat templates and tool calling rely on.</summary>
internal static class QwenSpecialTokens
{
    /// <summary>Opens a chat turn.</summary>
    public const string ImStart = "<|im_start|>";
    /// <summary>Closes a chat turn; the chat models' end-of-generation token.</summary>
    public const string ImEnd = "<|im_end|>";
    /// <summary>End of a document; Qwen's padding token.</summary>
    public const string EndOfText = "<|endoftext|>";
    /// <summary>Opens a tool call.</summary>
    public const string ToolCall = "<tool_call>";
    /// <summary>Closes a tool call.</summary>
    public const string ToolCallEnd = "</tool_call>";
    /// <summary>Opens a tool result.</summary>
    public const string ToolResponse = "<tool_response>";
    /// <summary>Closes a tool result.</summary>
    public const string ToolResponseEnd = "</tool_response>";
    /// <summary>Opens Qwen3's reasoning.</summary>
    public const string Think = "<think>";
    /// <summary>Closes Qwen3's reasoning.</summary>
    public const string ThinkEnd = "</think>";
}
