namespace ToolRL.Trainer.Checkpoints;

/// <summary>Dimensions of a randomly initialized test model.</summary>
public sealed record TinyModelSizes
{
    /// <summary>vocab_size (match the tokenizer you pair it with).</summary>
    public int VocabSize { get; init; } = 512;
    /// <summary>hidden_size.</summary>
    public int HiddenSize { get; init; } = 64;
    /// <summary>intermediate_size.</summary>
    public int IntermediateSize { get; init; } = 128;
    /// <summary>num_hidden_layers.</summary>
    public int Layers { get; init; } = 2;
    /// <summary>num_attention_heads.</summary>
    public int Heads { get; init; } = 4;
    /// <summary>num_key_value_heads (fewer than Heads = grouped-query attention).</summary>
    public int KeyValueHeads { get; init; } = 2;
    /// <summary>head_dim (Qwen3 writes it; Qwen2 requires HiddenSize / Heads).</summary>
    public int HeadDim { get; init; } = 16;
    /// <summary>tie_word_embeddings.</summary>
    public bool TieWordEmbeddings { get; init; } = true;
    /// <summary>rope_theta.</summary>
    public double RopeTheta { get; init; } = 1_000_000;
    /// <summary>eos_token_id values (default: the last id of the vocabulary).</summary>
    public IReadOnlyList<int>? EosTokenIds { get; init; }
    /// <summary>Standard deviation of the random weights.</summary>
    public double InitStd { get; init; } = 0.1;
}
