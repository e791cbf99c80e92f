namespace ToolRL.Construction.Composition;

/// <summary>
/// Which (tool, slot) can consume a given output: the output must be a known value of the slot's domain
/// (an exact text match) and the producer's output type must match the slot's JSON type.
/// </summary>
internal sealed class ChainLinks
{
    private readonly Dictionary<string, List<(ComposableTool Tool, int Slot, DomainValue Value)>> _byText = new(StringComparer.Ordinal);

    public ChainLinks(IEnumerable<ComposableTool> tools)
    {
        foreach (var tool in tools)
        {
            for (var slot = 0; slot < tool.Slots.Length; slot++)
            {
                if (tool.Slots[slot].JsonType is not ("string" or "integer" or "number"))
                    continue;
                foreach (var value in tool.Domains[slot])
                {
                    if (!_byText.TryGetValue(value.Text, out var list))
                        _byText[value.Text] = list = [];
                    list.Add((tool, slot, value));
                }
            }
        }
    }

    /// <summary>True when some tool can consume outputs of <paramref name="producer"/> (by type) at all.</summary>
    public bool CanFeedAnything(ComposableTool producer) =>
        producer.ReturnJsonType is "string" or "integer" or "number" &&
        _byText.Values.Any(l => l.Any(c => Compatible(producer, c.Tool, c.Slot)));

    /// <summary>The consumers of <paramref name="output"/> produced by <paramref name="producer"/>.</summary>
    public void FindConsumers(ComposableTool producer, string output, List<(ComposableTool Tool, int Slot, DomainValue Value)> into)
    {
        into.Clear();
        if (!_byText.TryGetValue(output, out var list))
            return;
        foreach (var c in list)
        {
            if (c.Tool != producer && Compatible(producer, c.Tool, c.Slot))
                into.Add(c);
        }
    }

    private static bool Compatible(ComposableTool producer, ComposableTool consumer, int slot)
    {
        var want = consumer.Slots[slot].JsonType;
        return want == producer.ReturnJsonType || (want == "number" && producer.ReturnJsonType == "integer");
    }
}
