namespace ToolRL.Trainer.Text.Tokenization;

/// <summary>A token of tokenizer.json's <c>added_tokens</c>: matched verbatim before any BPE.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Content">Its text, e.g. <c>&lt;|im_end|&gt;</c> or <c>&lt;tool_call&gt;</c>.</param>
/// <param name="Special">Whether HF marks it special (skipped by <c>skip_special_tokens</c>).</param>
public sealed record AddedToken(int Id, string Content, bool Special);
