using System.Text.Json;
using ToolRL.Tasks;

namespace ToolRL.Construction.Procedural;

/// <summary>The size of a procedural universe.</summary>
/// <param name="Scenarios">Scenarios.</param>
/// <param name="Tools">Tools over all scenarios.</param>
/// <param name="Entities">Entities that appear in a fact (as argument or result), counted per scenario and summed.</param>
/// <param name="Facts">Fact-table rows over all tools.</param>
/// <param name="Composed">Tasks the composer made.</param>
/// <param name="Rejected">Composed tasks that validation rejected (not in any scenario's tasks).</param>
/// <param name="TasksPerStructure">Kept tasks per structure.</param>
public sealed record UniverseSummary(int Scenarios, int Tools, int Entities, int Facts, int Composed, int Rejected,
    IReadOnlyDictionary<TaskStructure, int> TasksPerStructure)
{
    /// <summary>Kept tasks over all structures.</summary>
    public int Tasks => TasksPerStructure.Values.Sum();

    /// <summary>The share of composed tasks validation rejected (0 when none were composed).</summary>
    public double RejectionRate => Composed == 0 ? 0 : (double)Rejected / Composed;

    internal static UniverseSummary Of(ProceduralUniverse universe)
    {
        var perStructure = Enum.GetValues<TaskStructure>().ToDictionary(s => s, _ => 0);
        int tools = 0, entities = 0, facts = 0, composed = 0, valid = 0;
        foreach (var scenario in universe.Scenarios)
        {
            tools += scenario.Tools.Count;
            facts += scenario.Source.Facts.Count;
            entities += scenario.Source.Facts.Select(f => ArgumentValue(f.ArgumentsJson)).Concat(scenario.Source.Facts.Select(f => f.Output))
                .Distinct(StringComparer.OrdinalIgnoreCase).Count();
            composed += scenario.Validation.Tasks;
            valid += scenario.Validation.Valid;
            foreach (var task in scenario.Tasks)
                perStructure[task.Structure]++;
        }
        return new UniverseSummary(universe.Scenarios.Count, tools, entities, facts, composed, composed - valid, perStructure);
    }

    /// <summary>Writes the summary as a few lines of text.</summary>
    public void Print(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine($"procedural universe: {Scenarios} scenarios, {Tools} tools, {Entities} entities, {Facts} facts");
        writer.WriteLine($"tasks: {Tasks} kept of {Composed} composed ({RejectionRate:P1} rejected by validation)");
        foreach (var (structure, count) in TasksPerStructure)
            writer.WriteLine($"  {structure}: {count}");
    }

    private static string ArgumentValue(string argumentsJson)
    {
        using var doc = JsonDocument.Parse(argumentsJson);
        var value = doc.RootElement.EnumerateObject().Single().Value;
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }
}
