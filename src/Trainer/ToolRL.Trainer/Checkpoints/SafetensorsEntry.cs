namespace ToolRL.Trainer.Checkpoints;

/// <summary>One tensor's header record: dtype, shape and byte range within the data section.</summary>
internal sealed record SafetensorsEntry(string Name, string Dtype, long[] Shape, long Begin, long End)
{
    /// <summary>Number of elements.</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
}
