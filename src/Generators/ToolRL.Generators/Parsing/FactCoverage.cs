using System;
using System.Collections.Generic;
using System.Linq;
using ToolRL.Generators.Model;

namespace ToolRL.Generators.Parsing;

/// <summary>
/// Compile-time check of a facts scenario's tasks: a golden call with constant arguments that no fact matches would
/// hit the facts implementation's "No record found" fallback, so its task could never load (TRL036). Matching is the
/// facts implementation's: every argument equal, strings ignoring case.
/// </summary>
internal static class FactCoverage
{
    public static EquatableArray<DiagnosticInfo> Check(ScenarioModel scenario, EquatableArray<FactModel> facts, EquatableArray<FactCheckModel> checks)
    {
        if (!scenario.HasFacts)
            return EquatableArray<DiagnosticInfo>.Empty;
        var diagnostics = new List<DiagnosticInfo>();
        foreach (var check in checks.Where(c => c.ScenarioInterfaceFullName == scenario.InterfaceFullName))
        {
            if (facts.Any(f => f.MethodName == check.ToolMethodName && Matches(f, check)))
                continue;
            var call = check.ToolName + "(" + string.Join(", ", check.Arguments.Select(a => a.Name + "=" + a.Json)) + ")";
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.GoldenCallWithoutFact, check.Location, check.TaskName, check.CallIndex.ToString(System.Globalization.CultureInfo.InvariantCulture), call, scenario.ScenarioName));
        }
        return diagnostics.ToEquatableArray();
    }

    private static bool Matches(FactModel fact, FactCheckModel check)
    {
        if (fact.Arguments.Count != check.Arguments.Count)
            return false;
        for (var i = 0; i < check.Arguments.Count; i++)
        {
            var argument = check.Arguments[i];
            if (!string.Equals(fact.Arguments[i].Json, argument.Json, argument.IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal))
                return false;
        }
        return true;
    }
}
