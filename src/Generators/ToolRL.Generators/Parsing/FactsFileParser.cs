using System.Collections.Generic;
using System.Linq;
using ToolRL.Generators.Model;

namespace ToolRL.Generators.Parsing;

/// <summary>
/// Reads a facts file (<c>{ "ToolMethodName": [ { "args": { "param": value }, "result": value } ] }</c>) against a
/// parsed scenario. Runs in the pipeline on models only (the file was parsed in its own step), so it needs no symbols.
/// </summary>
internal static class FactsFileParser
{
    public static List<FactModel> Parse(ScenarioModel scenario, FactsFileRequest request, JsonNode root, List<DiagnosticInfo> diagnostics)
    {
        var facts = new List<FactModel>();
        if (!root.IsObject)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FactsFileInvalid, request.Location, request.FileName, "the top level must be an object keyed by tool method name"));
            return facts;
        }
        foreach (var entry in root.Properties!)
        {
            if (!entry.Value.IsArray)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FactsFileInvalid, request.Location, request.FileName, $"'{entry.Key}' must be an array of facts"));
                continue;
            }
            var tool = scenario.Tools.FirstOrDefault(t => t.MethodName == entry.Key) ?? scenario.Tools.FirstOrDefault(t => t.Name == entry.Key);
            var index = 0;
            foreach (var item in entry.Value.Items!)
            {
                var where = $"{entry.Key}[{index++}]";
                var args = item.Properties?.FirstOrDefault(p => p.Key == "args").Value;
                var result = item.Properties?.FirstOrDefault(p => p.Key == "result").Value;
                if (!item.IsObject || args is null || !args.IsObject || result is null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FactsFileInvalid, request.Location, request.FileName, $"{where} must be an object with \"args\" (an object) and \"result\""));
                    continue;
                }
                var extra = item.Properties!.Select(p => p.Key).FirstOrDefault(k => k is not ("args" or "result"));
                if (extra is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FactsFileInvalid, request.Location, request.FileName, $"{where} has an unknown property '{extra}'"));
                    continue;
                }
                if (tool is null)
                {
                    FactBuilder.Build(entry.Key, result.ToInput(), new List<FactInput>(), scenario.ScenarioName, scenario.Tools.Items, request.Location, diagnostics);
                    break;
                }
                var unknown = args.Properties!.Select(p => p.Key).FirstOrDefault(k => tool.Parameters.All(p => p.Name != k));
                if (unknown is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FactsFileInvalid, request.Location, request.FileName, $"{where} names argument '{unknown}', but {entry.Key} has no such parameter"));
                    continue;
                }
                // Arguments in parameter order; a missing optional one takes its default.
                var ordered = new List<FactInput>();
                var missing = false;
                foreach (var parameter in tool.Parameters)
                {
                    var value = args.Properties!.FirstOrDefault(p => p.Key == parameter.Name).Value;
                    if (value is not null)
                    {
                        if (value.IsObject || value.IsArray)
                            ordered.Add(new FactInput(FactInputKind.Other, value.IsObject ? "an object" : "an array"));
                        else
                            ordered.Add(value.ToInput());
                    }
                    else if (!parameter.Required)
                    {
                        ordered.Add(parameter.DefaultJson is null ? new FactInput(FactInputKind.Null, "null") : DefaultInput(parameter));
                    }
                    else
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.FactArgumentCountMismatch, request.Location, entry.Key,
                            args.Properties!.Count.ToString(), tool.Parameters.Count(p => p.Required).ToString(), $"{where} lacks required argument '{parameter.Name}'"));
                        missing = true;
                        break;
                    }
                }
                if (missing)
                    continue;
                var resultInput = result.IsObject || result.IsArray ? new FactInput(FactInputKind.Other, result.IsObject ? "an object" : "an array") : result.ToInput();
                var codec = "global::" + (scenario.Namespace.Length > 0 ? scenario.Namespace + "." : "") + scenario.BaseName + "Scenario.Codec";
                var fact = FactBuilder.Build(tool.MethodName, resultInput, ordered, scenario.ScenarioName, scenario.Tools.Items, request.Location, diagnostics, (result, codec));
                if (fact is not null)
                    facts.Add(fact);
            }
        }
        return facts;
    }

    private static FactInput DefaultInput(ParameterModel parameter)
    {
        var node = MiniJson.Parse(parameter.DefaultJson!, out _);
        return node?.ToInput() ?? new FactInput(FactInputKind.Null, "null");
    }
}
