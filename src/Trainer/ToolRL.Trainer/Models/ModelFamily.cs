namespace ToolRL.Trainer.Models;

/// <summary>The decoder architectures this runtime implements (HF <c>model_type</c>).</summary>
public enum ModelFamily
{
    /// <summary>Qwen2 / Qwen2.5 (<c>qwen2</c>): biases on q/k/v projections.</summary>
    Qwen2,
    /// <summary>Qwen3 (<c>qwen3</c>): RMSNorm on per-head queries and keys, explicit head_dim.</summary>
    Qwen3,
}
