using ToolRL.Tools;

namespace ToolRL.Construction.Composition;

/// <summary>A tool as composition sees it: its phrase, the parameters a call sets, and their domains.</summary>
internal sealed class ComposableTool
{
    public ComposableTool(ToolSignature signature, PhraseTemplate phrase, ValueDomains domains)
    {
        Signature = signature;
        Phrase = phrase;
        ReturnJsonType = ReturnTypes.JsonTypeOf(signature.ReturnType);
        // A call sets the required parameters and any optional one its phrase names.
        Slots = signature.Parameters.Where(p => p.Required || phrase.Holes.Contains(p.Name)).ToArray();
        Domains = Slots.Select(p => domains.For(signature.Name, p.Name)).ToArray();
        HoleSlots = phrase.Holes.Select(h => Array.FindIndex(Slots, s => s.Name == h)).ToArray();
        IsComposable = Slots.All(s => s.JsonType is "string" or "integer" or "number" or "boolean") && Domains.All(d => d.Count > 0);
    }

    public ToolSignature Signature { get; }
    public string Name => Signature.Name;
    public PhraseTemplate Phrase { get; }
    public string ReturnJsonType { get; }
    public ToolParameter[] Slots { get; }
    public IReadOnlyList<DomainValue>[] Domains { get; }

    /// <summary>For each phrase hole, the slot whose value fills it.</summary>
    public int[] HoleSlots { get; }

    /// <summary>Every slot is a scalar with known values.</summary>
    public bool IsComposable { get; }
}
