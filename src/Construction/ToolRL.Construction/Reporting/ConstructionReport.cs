using System.Globalization;
using ToolRL.Construction.Validation;
using ToolRL.Tasks;

namespace ToolRL.Construction.Reporting;

/// <summary>
/// Per scenario: task counts by structure and variant, and the validation report (hop depths, tool coverage,
/// issues). Filled while a pipeline streams; <see cref="Print"/> writes it as plain text for the CLI.
/// </summary>
public sealed class ConstructionReport
{
    private readonly SortedDictionary<string, SortedDictionary<string, Dictionary<TaskStructure, long>>> _counts = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, ScenarioValidationReport> _validation = new(StringComparer.Ordinal);

    /// <summary>Scenario → variant label → structure → tasks.</summary>
    public IReadOnlyDictionary<string, SortedDictionary<string, Dictionary<TaskStructure, long>>> Counts => _counts;

    /// <summary>Scenario → validation report.</summary>
    public IReadOnlyDictionary<string, ScenarioValidationReport> ValidationReports => _validation;

    /// <summary>Total tasks counted over every scenario and variant.</summary>
    public long Total => _counts.Values.Sum(v => v.Values.Sum(s => s.Values.Sum()));

    /// <summary>The validation report of <paramref name="scenario"/>, created on first use.</summary>
    public ScenarioValidationReport Validation(string scenario, IEnumerable<string> tools)
    {
        if (!_validation.TryGetValue(scenario, out var report))
            _validation[scenario] = report = new ScenarioValidationReport(scenario, tools);
        return report;
    }

    private readonly SortedDictionary<string, (int Loaded, IReadOnlyList<TaskLoadError> Errors)> _authored = new(StringComparer.Ordinal);

    /// <summary>Scenario → its hand-written tasks that loaded, and those that did not (each naming its task).</summary>
    public IReadOnlyDictionary<string, (int Loaded, IReadOnlyList<TaskLoadError> Errors)> AuthoredTasks => _authored;

    /// <summary>Notes a scenario's hand-written tasks (included in the counts like composed ones).</summary>
    public void Authored(string scenario, int loaded, IReadOnlyList<TaskLoadError> errors) => _authored[scenario] = (loaded, errors);

    /// <summary>Counts one emitted task.</summary>
    public void Count(string scenario, string variant, TaskStructure structure)
    {
        if (!_counts.TryGetValue(scenario, out var byVariant))
            _counts[scenario] = byVariant = new SortedDictionary<string, Dictionary<TaskStructure, long>>(StringComparer.Ordinal);
        if (!byVariant.TryGetValue(variant, out var byStructure))
            byVariant[variant] = byStructure = [];
        byStructure[structure] = byStructure.GetValueOrDefault(structure) + 1;
    }

    /// <summary>Writes the report: one table per scenario (variants × structures), then depths, coverage and issues.</summary>
    public void Print(TextWriter writer)
    {
        var structures = Enum.GetValues<TaskStructure>();
        foreach (var scenario in _counts.Keys.Union(_validation.Keys).Union(_authored.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            writer.WriteLine($"scenario {scenario}");
            writer.WriteLine($"  {"variant",-22}{"single",10}{"parallel",10}{"multihop",10}{"par-multi",10}{"total",10}");
            if (_counts.TryGetValue(scenario, out var byVariant))
            {
                foreach (var (variant, byStructure) in byVariant)
                {
                    writer.Write($"  {variant,-22}");
                    foreach (var s in structures)
                        writer.Write(byStructure.GetValueOrDefault(s).ToString(CultureInfo.InvariantCulture).PadLeft(10));
                    writer.WriteLine(byStructure.Values.Sum().ToString(CultureInfo.InvariantCulture).PadLeft(10));
                }
            }
            if (_authored.TryGetValue(scenario, out var authored) && (authored.Loaded > 0 || authored.Errors.Count > 0))
            {
                writer.WriteLine($"  authored tasks {authored.Loaded} (included above)" + (authored.Errors.Count > 0 ? $", {authored.Errors.Count} failed to load:" : ""));
                foreach (var error in authored.Errors)
                    writer.WriteLine("    " + error.Message);
            }
            if (_validation.TryGetValue(scenario, out var v))
            {
                writer.WriteLine($"  validated {v.Tasks}, valid {v.Valid}");
                writer.WriteLine("  hop depth: " + string.Join(", ", v.ByHopDepth.Select(p => $"{p.Key}: {p.Value}")));
                writer.WriteLine("  tool calls: " + string.Join(", ", v.ToolCalls.Select(p => $"{p.Key} {p.Value}")));
                var uncovered = v.UncoveredTools.ToList();
                if (uncovered.Count > 0)
                    writer.WriteLine("  tools no task uses: " + string.Join(", ", uncovered));
                if (v.Issues.Count > 0)
                {
                    writer.WriteLine("  issues: " + string.Join(", ", v.Issues.Select(p => $"{p.Key} {p.Value}")));
                    foreach (var e in v.Examples.Take(5))
                        writer.WriteLine($"    {e.TaskId}: {e.Kind}: {e.Detail}");
                }
            }
        }
    }
}
