namespace ToolRL.Trainer.Analysis;

/// <summary>How much one module's parameters moved between two checkpoints.</summary>
/// <param name="Layer">Decoder layer index, or null for parameters outside the layers (embeddings, final norm, head).</param>
/// <param name="Module">The module within the layer (<c>self_attn.q_proj</c>, <c>mlp.down_proj</c>, <c>input_layernorm</c>, …) or the full module name outside layers.</param>
/// <param name="RelativeChange">‖θ₁ − θ₀‖ / ‖θ₀‖ over all of the module's tensors (weight and bias together).</param>
/// <param name="BeforeNorm">‖θ₀‖.</param>
/// <param name="DeltaNorm">‖θ₁ − θ₀‖.</param>
/// <param name="Elements">Number of parameters.</param>
public sealed record ModuleChange(int? Layer, string Module, double RelativeChange, double BeforeNorm, double DeltaNorm, long Elements)
{
    /// <summary>The module kind: <c>attention</c>, <c>mlp</c>, <c>norm</c> or <c>other</c>.</summary>
    public string Kind =>
        Module.StartsWith("self_attn.", StringComparison.Ordinal) && !Module.EndsWith("_norm", StringComparison.Ordinal) ? "attention"
        : Module.StartsWith("mlp.", StringComparison.Ordinal) ? "mlp"
        : Module.Contains("norm", StringComparison.Ordinal) ? "norm"
        : "other";
}
